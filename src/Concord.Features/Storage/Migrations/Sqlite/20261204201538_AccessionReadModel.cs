using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Features.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessionReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EnteredIntoForce",
                table: "accessions");

            migrationBuilder.DropColumn(
                name: "MemberSince",
                table: "accessions");

            migrationBuilder.DropColumn(
                name: "Parties",
                table: "accessions");

            migrationBuilder.DropColumn(
                name: "ProtocolSigned",
                table: "accessions");

            migrationBuilder.DropColumn(
                name: "Ratified",
                table: "accessions");

            // The list's columns held an evaluation frozen at commit time; the row now holds the folded state and the timeline.
            // Nothing carries over: the read models are projected again from the log once this migration is applied (StoreSetup).
            migrationBuilder.DropColumn(
                name: "Stage",
                table: "accessions");

            migrationBuilder.DropColumn(
                name: "Pending",
                table: "accessions");

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "accessions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Steps",
                table: "accessions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "LastEffective",
                table: "accessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "procedures",
                columns: table => new
                {
                    Party = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Stages = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_procedures", x => x.Party);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "procedures");

            migrationBuilder.DropColumn(
                name: "LastEffective",
                table: "accessions");

            migrationBuilder.DropColumn(
                name: "State",
                table: "accessions");

            migrationBuilder.DropColumn(
                name: "Steps",
                table: "accessions");

            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "accessions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Pending",
                table: "accessions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EnteredIntoForce",
                table: "accessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MemberSince",
                table: "accessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Parties",
                table: "accessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ProtocolSigned",
                table: "accessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Ratified",
                table: "accessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }
    }
}
