using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Features.Storage.Migrations.Postgres
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
                    Candidate = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Stage = table.Column<string>(type: "text", nullable: false),
                    Parties = table.Column<int>(type: "integer", nullable: false),
                    Ratified = table.Column<int>(type: "integer", nullable: false),
                    Pending = table.Column<string>(type: "text", nullable: false),
                    ProtocolSigned = table.Column<string>(type: "text", nullable: true),
                    EnteredIntoForce = table.Column<string>(type: "text", nullable: true),
                    MemberSince = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
