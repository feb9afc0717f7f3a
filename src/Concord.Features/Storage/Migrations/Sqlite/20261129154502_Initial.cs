using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Features.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", nullable: false),
                    Summit = table.Column<string>(type: "TEXT", nullable: true),
                    Opened = table.Column<long>(type: "INTEGER", nullable: false),
                    SilenceDeadline = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", nullable: false),
                    Blocking = table.Column<string>(type: "TEXT", nullable: false),
                    Concluded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    Position = table.Column<long>(type: "INTEGER", nullable: false),
                    StreamId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StreamVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Effective = table.Column<long>(type: "INTEGER", nullable: false),
                    Recorded = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Position);
                });

            migrationBuilder.CreateTable(
                name: "idempotent_responses",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Location = table.Column<string>(type: "TEXT", nullable: true),
                    Recorded = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotent_responses", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Since = table.Column<string>(type: "TEXT", nullable: false),
                    Until = table.Column<string>(type: "TEXT", nullable: true),
                    Population = table.Column<long>(type: "INTEGER", nullable: false),
                    Permanent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sources = table.Column<string>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => new { x.Body, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "positions",
                columns: table => new
                {
                    DecisionId = table.Column<string>(type: "TEXT", nullable: false),
                    Member = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Condition = table.Column<string>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", nullable: true),
                    Confidence = table.Column<string>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", nullable: true),
                    Effective = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_positions", x => new { x.DecisionId, x.Member });
                });

            migrationBuilder.CreateTable(
                name: "summits",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    City = table.Column<string>(type: "TEXT", nullable: false),
                    HostCountry = table.Column<string>(type: "TEXT", nullable: true),
                    Start = table.Column<string>(type: "TEXT", nullable: false),
                    End = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: true),
                    EnlargementDecisions = table.Column<string>(type: "TEXT", nullable: true),
                    OtherDecisions = table.Column<string>(type: "TEXT", nullable: true),
                    Sources = table.Column<string>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_summits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_Summit",
                table: "decisions",
                column: "Summit");

            migrationBuilder.CreateIndex(
                name: "IX_events_IdempotencyKey",
                table: "events",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_PreviousHash",
                table: "events",
                column: "PreviousHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_StreamId_StreamVersion",
                table: "events",
                columns: new[] { "StreamId", "StreamVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_summits_Start",
                table: "summits",
                column: "Start");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decisions");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "idempotent_responses");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "positions");

            migrationBuilder.DropTable(
                name: "summits");
        }
    }
}
