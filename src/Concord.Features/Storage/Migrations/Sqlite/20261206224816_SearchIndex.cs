using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Features.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "search_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Ref = table.Column<string>(type: "TEXT", nullable: false),
                    Part = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Href = table.Column<string>(type: "TEXT", nullable: false),
                    On = table.Column<string>(type: "TEXT", nullable: true),
                    Marking = table.Column<int>(type: "INTEGER", nullable: false),
                    ReleasableTo = table.Column<string>(type: "TEXT", nullable: true),
                    WholeDecision = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_search_entries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_search_entries_Kind_Ref",
                table: "search_entries",
                columns: new[] { "Kind", "Ref" });

            // The full-text index, outside the EF model: an FTS5 table over the entries' title and body (Porter stemming,
            // diacritics folded), its rowid the entry's Id, kept in step by triggers so that every write path (a commit's
            // change tracker, a rebuild's bulk INSERTs, a DELETE of the whole table) keeps it exact.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE search_fts USING fts5("Title", "Body", content='search_entries', content_rowid='Id',
                    tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER search_entries_inserted AFTER INSERT ON search_entries BEGIN
                    INSERT INTO search_fts(rowid, "Title", "Body") VALUES (new."Id", new."Title", new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER search_entries_deleted AFTER DELETE ON search_entries BEGIN
                    INSERT INTO search_fts(search_fts, rowid, "Title", "Body") VALUES ('delete', old."Id", old."Title", old."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER search_entries_updated AFTER UPDATE ON search_entries BEGIN
                    INSERT INTO search_fts(search_fts, rowid, "Title", "Body") VALUES ('delete', old."Id", old."Title", old."Body");
                    INSERT INTO search_fts(rowid, "Title", "Body") VALUES (new."Id", new."Title", new."Body");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_fts;");
            migrationBuilder.DropTable(
                name: "search_entries");
        }
    }
}
