using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Concord.Features.Storage.Migrations.Postgres
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
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Concerned",
                table: "decisions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "ConcludedAt",
                table: "decisions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConcludedOutcome",
                table: "decisions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "LastEffective",
                table: "decisions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: NodaTime.Instant.FromUnixTimeTicks(0L));

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
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Blocking",
                table: "decisions",
                type: "text",
                nullable: false,
                defaultValue: "");
        }
    }
}
