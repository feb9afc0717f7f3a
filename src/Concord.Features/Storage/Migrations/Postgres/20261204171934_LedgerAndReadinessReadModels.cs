using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Concord.Features.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerAndReadinessReadModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pledges",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Donor = table.Column<string>(type: "text", nullable: false),
                    Category = table.Column<string>(type: "text", nullable: false),
                    Announced = table.Column<LocalDate>(type: "date", nullable: false),
                    LastOn = table.Column<LocalDate>(type: "date", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pledges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "readiness",
                columns: table => new
                {
                    Ally = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Facts = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_readiness", x => x.Ally);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pledges_Announced",
                table: "pledges",
                column: "Announced");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pledges");

            migrationBuilder.DropTable(
                name: "readiness");
        }
    }
}
