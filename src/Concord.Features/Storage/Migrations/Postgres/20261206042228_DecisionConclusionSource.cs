using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Features.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DecisionConclusionSource : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConclusionNote",
                table: "decisions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConclusionSource",
                table: "decisions",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConclusionNote",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "ConclusionSource",
                table: "decisions");
        }
    }
}
