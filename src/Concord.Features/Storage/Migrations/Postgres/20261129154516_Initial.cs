using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Concord.Features.Storage.Migrations.Postgres
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
                    Id = table.Column<string>(type: "text", nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Rule = table.Column<string>(type: "text", nullable: false),
                    Summit = table.Column<string>(type: "text", nullable: true),
                    Opened = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    SilenceDeadline = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "text", nullable: false),
                    Blocking = table.Column<string>(type: "text", nullable: false),
                    Concluded = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    Position = table.Column<long>(type: "bigint", nullable: false),
                    StreamId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StreamVersion = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    Effective = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Recorded = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Position);
                });

            migrationBuilder.CreateTable(
                name: "idempotent_responses",
                columns: table => new
                {
                    Key = table.Column<string>(type: "text", nullable: false),
                    Fingerprint = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ContentType = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<byte[]>(type: "bytea", nullable: false),
                    Location = table.Column<string>(type: "text", nullable: true),
                    Recorded = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotent_responses", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    Body = table.Column<string>(type: "text", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Since = table.Column<LocalDate>(type: "date", nullable: false),
                    Until = table.Column<LocalDate>(type: "date", nullable: true),
                    Population = table.Column<long>(type: "bigint", nullable: false),
                    Permanent = table.Column<bool>(type: "boolean", nullable: false),
                    Sources = table.Column<string>(type: "text", nullable: true),
                    Notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => new { x.Body, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "positions",
                columns: table => new
                {
                    DecisionId = table.Column<string>(type: "text", nullable: false),
                    Member = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Condition = table.Column<string>(type: "text", nullable: true),
                    Source = table.Column<string>(type: "text", nullable: true),
                    Confidence = table.Column<string>(type: "text", nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true),
                    Effective = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_positions", x => new { x.DecisionId, x.Member });
                });

            migrationBuilder.CreateTable(
                name: "summits",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    City = table.Column<string>(type: "text", nullable: false),
                    HostCountry = table.Column<string>(type: "text", nullable: true),
                    Start = table.Column<LocalDate>(type: "date", nullable: false),
                    End = table.Column<LocalDate>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: true),
                    EnlargementDecisions = table.Column<string>(type: "text", nullable: true),
                    OtherDecisions = table.Column<string>(type: "text", nullable: true),
                    Sources = table.Column<string>(type: "text", nullable: true),
                    Notes = table.Column<string>(type: "text", nullable: true)
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
