using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Features.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DecisionReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Blocking",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "decisions");

            migrationBuilder.AddColumn<string>(
                name: "Markings",
                table: "decisions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Concerned",
                table: "decisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConcludedAt",
                table: "decisions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConcludedOutcome",
                table: "decisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastEffective",
                table: "decisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // The decision read model now holds the folded state instead of a frozen outcome: its rows are projected
            // again from the log once the schema is in place (StoreSetup.Migrate rebuilds after this migration).
            migrationBuilder.Sql("DELETE FROM positions; DELETE FROM decisions;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Concerned",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "ConcludedAt",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "ConcludedOutcome",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "LastEffective",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "Markings",
                table: "decisions");

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "decisions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Blocking",
                table: "decisions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }
    }
}
