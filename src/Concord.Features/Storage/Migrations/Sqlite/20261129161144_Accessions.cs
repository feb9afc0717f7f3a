using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Features.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Accessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accessions",
                columns: table => new
                {
                    Candidate = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", nullable: false),
                    Parties = table.Column<int>(type: "INTEGER", nullable: false),
                    Ratified = table.Column<int>(type: "INTEGER", nullable: false),
                    Pending = table.Column<string>(type: "TEXT", nullable: false),
                    ProtocolSigned = table.Column<string>(type: "TEXT", nullable: true),
                    EnteredIntoForce = table.Column<string>(type: "TEXT", nullable: true),
                    MemberSince = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accessions", x => x.Candidate);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accessions");
        }
    }
}
