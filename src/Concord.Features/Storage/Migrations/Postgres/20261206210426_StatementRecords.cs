using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Concord.Features.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatementRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "statements",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Placed = table.Column<LocalDate>(type: "date", nullable: false),
                    Statement = table.Column<string>(type: "text", nullable: false),
                    Marking = table.Column<int>(type: "integer", nullable: false),
                    ReleasableTo = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statements", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_statements_Placed",
                table: "statements",
                column: "Placed");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "statements");
        }
    }
}
