using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Features.Storage.Migrations.Sqlite
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
                    Id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Placed = table.Column<string>(type: "TEXT", nullable: false),
                    Statement = table.Column<string>(type: "TEXT", nullable: false),
                    Marking = table.Column<int>(type: "INTEGER", nullable: false),
                    ReleasableTo = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
