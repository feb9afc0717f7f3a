using Concord.Features.Accounts;
using Concord.Features.EventLog;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Storage;

/// <summary>
/// The store: the event log and the read models projected from it. One subclass per provider
/// (<see cref="SqliteConcordDbContext"/>, <see cref="PostgresConcordDbContext"/>), each with its own migrations.
/// Accounts (ASP.NET Core Identity) and personal access tokens live in the same database.
/// </summary>
public abstract class ConcordDbContext(DbContextOptions options) : IdentityDbContext<ConcordUser, IdentityRole, string>(options)
{
    // A store's events can be read or written only under the names the areas registered: compose them before the first use.
    static ConcordDbContext() => _ = Composition.Log;

    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<MemberRow> Members => Set<MemberRow>();
    public DbSet<SummitRow> Summits => Set<SummitRow>();
    public DbSet<DecisionRow> Decisions => Set<DecisionRow>();
    public DbSet<PositionRow> Positions => Set<PositionRow>();
    public DbSet<IdempotentResponse> IdempotentResponses => Set<IdempotentResponse>();
    public DbSet<AccessionRow> Accessions => Set<AccessionRow>();
    public DbSet<ProcedureRow> Procedures => Set<ProcedureRow>();
    public DbSet<PersonalAccessToken> AccessTokens => Set<PersonalAccessToken>();
    public DbSet<PledgeRow> Pledges => Set<PledgeRow>();
    public DbSet<ReadinessRow> Readiness => Set<ReadinessRow>();
    public DbSet<SourceRow> Sources => Set<SourceRow>();
    public DbSet<StatementRow> Statements => Set<StatementRow>();
    public DbSet<SearchEntryRow> SearchEntries => Set<SearchEntryRow>();
    public DbSet<Following.Webhooks.WebhookRow> Webhooks => Set<Following.Webhooks.WebhookRow>();
    public DbSet<Following.Webhooks.WebhookDeliveryRow> WebhookDeliveries => Set<Following.Webhooks.WebhookDeliveryRow>();
    public DbSet<Following.Webhooks.LeaseRow> Leases => Set<Following.Webhooks.LeaseRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<StoredEvent>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => x.Position);
            e.Property(x => x.Position).ValueGeneratedNever();
            e.Property(x => x.StreamId).HasMaxLength(200);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.RecordedBy).HasMaxLength(200);
            e.Property(x => x.IdempotencyKey).HasMaxLength(200);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.ReleasableTo).HasMaxLength(200);
            e.HasIndex(x => new { x.StreamId, x.StreamVersion }).IsUnique();
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => x.PreviousHash).IsUnique();
        });
        b.Entity<MemberRow>(e => { e.ToTable("members"); e.HasKey(x => new { x.Body, x.Code }); });
        b.Entity<SummitRow>(e => { e.ToTable("summits"); e.HasKey(x => x.Id); e.HasIndex(x => x.Start); });
        b.Entity<DecisionRow>(e => { e.ToTable("decisions"); e.HasKey(x => x.Id); e.HasIndex(x => x.Summit); });
        b.Entity<PositionRow>(e => { e.ToTable("positions"); e.HasKey(x => new { x.DecisionId, x.Member }); });
        b.Entity<IdempotentResponse>(e => { e.ToTable("idempotent_responses"); e.HasKey(x => x.Key); });
        b.Entity<AccessionRow>(e => { e.ToTable("accessions"); e.HasKey(x => x.Candidate); });
        b.Entity<ProcedureRow>(e => { e.ToTable("procedures"); e.HasKey(x => x.Party); e.Property(x => x.Party).HasMaxLength(3); });
        b.Entity<PledgeRow>(e => { e.ToTable("pledges"); e.HasKey(x => x.Id); e.HasIndex(x => x.Announced); e.Property(x => x.Id).HasMaxLength(200); });
        b.Entity<ReadinessRow>(e => { e.ToTable("readiness"); e.HasKey(x => x.Ally); e.Property(x => x.Ally).HasMaxLength(3); });
        b.Entity<SourceRow>(e =>
        {
            e.ToTable("sources");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(80);
            e.Property(x => x.AliasOf).HasMaxLength(80);
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Published).HasMaxLength(10);
            e.HasIndex(x => x.AliasOf);
        });
        b.Entity<StatementRow>(e =>
        {
            e.ToTable("statements");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(80);
            e.HasIndex(x => x.Placed);
        });
        b.Entity<SearchEntryRow>(e =>
        {
            e.ToTable("search_entries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Kind).HasMaxLength(20);
            e.HasIndex(x => new { x.Kind, x.Ref });
        });
        b.Entity<ConcordUser>(e => e.Property(x => x.Nationality).HasMaxLength(3));
        b.Entity<PersonalAccessToken>(e =>
        {
            e.ToTable("access_tokens");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Prefix).IsUnique();
            e.HasIndex(x => x.UserId);
            e.Property(x => x.Prefix).HasMaxLength(32);
            e.Property(x => x.SecretHash).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasOne<ConcordUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        // Webhooks are kept beside the access tokens: written with their events, never projected from them (the secret is not in the log).
        b.Entity<Following.Webhooks.WebhookRow>(e =>
        {
            e.ToTable("webhooks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Url).HasMaxLength(Following.Webhooks.WebhookAddresses.MaxUrlLength + 100);
            e.Property(x => x.Kinds).HasMaxLength(400);
            e.Property(x => x.Secret).HasMaxLength(100);
            e.Property(x => x.DisabledReason).HasMaxLength(600);
        });
        b.Entity<Following.Webhooks.WebhookDeliveryRow>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.WebhookId, x.Position }).IsUnique();
            e.HasIndex(x => new { x.WebhookId, x.Status, x.Position });
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.WebhookId).HasMaxLength(40);
            e.Property(x => x.EntryId).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.LastResult).HasMaxLength(300);
            e.HasOne<Following.Webhooks.WebhookRow>().WithMany().HasForeignKey(x => x.WebhookId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Following.Webhooks.LeaseRow>(e =>
        {
            e.ToTable("leases");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(40);
            e.Property(x => x.Holder).HasMaxLength(100);
        });
    }
}
