using System.Globalization;
using System.Text;
using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features;
using Concord.Features.Accessions;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Benchmarks;

/// <summary>
/// A complete synthetic accession added to a copy of the 1M-event store through Concord's own use cases, so every
/// event is one Concord accepted and the hash chain is Concord's: <see cref="Procedures.Import"/> configures the same
/// six-stage procedure for all 32 Allies (committee, lower house, upper house, head-of-state signature, publication,
/// deposit), then one <see cref="RecordAccessionSteps.Handle"/> opens the accession of <see cref="Candidate"/> and
/// records its path: application, MAP waived, invitation, talks, protocol signature, 32 Parties x 6 stages,
/// invitation to accede, the candidate's approval and its deposit, which seats it as an Ally on <see cref="MemberSince"/>.
/// Deterministic: a fixed clock (after every date, before the real one) records it.
/// </summary>
public static class SyntheticAccession
{
    /// <summary>Not an Ally in the synthetic body (nor in reality); a Party to nothing.</summary>
    public static readonly MemberCode Candidate = MemberCode.Parse("SRB");

    public const string Name = "Serbia";

    /// <summary>The stages every Party goes through, in order; one every <see cref="StageSpacingDays"/> days.</summary>
    public static readonly RatificationStage[] Stages =
    [
        RatificationStage.Committee, RatificationStage.LowerHouse, RatificationStage.UpperHouse,
        RatificationStage.HeadOfStateSignature, RatificationStage.Publication, RatificationStage.Deposit,
    ];

    public static readonly LocalDate Applied = new(2024, 4, 2);
    public static readonly LocalDate MapWaived = new(2024, 5, 15);
    public static readonly LocalDate Invited = new(2024, 7, 10);
    public static readonly LocalDate TalksCompleted = new(2024, 9, 12);
    public static readonly LocalDate ProtocolSigned = new(2024, 10, 1);

    /// <summary>Party i (in <see cref="SyntheticLog.Allies"/> order) starts 1 + 3i days after signature.</summary>
    public const int PartyStaggerDays = 3;

    public const int StageSpacingDays = 7;

    public static LocalDate StageDate(int party, int stage) =>
        ProtocolSigned.PlusDays(1 + PartyStaggerDays * party + StageSpacingDays * stage);

    /// <summary>The last Party's deposit: the protocol enters into force.</summary>
    public static LocalDate EnteredIntoForce => StageDate(SyntheticLog.Allies.Length - 1, Stages.Length - 1);

    public static LocalDate InvitationToAccede => EnteredIntoForce.PlusDays(7);
    public static LocalDate CandidateApproval => EnteredIntoForce.PlusDays(17);
    public static readonly LocalDate MemberSince = new(2025, 3, 3);

    /// <summary>
    /// The benchmark's date, in the middle of ratification, 55 days after signature. Concord counts a track as
    /// ratified from its latest national approval stage recorded by then (<see cref="RatificationTrack.Ratified"/>:
    /// any stage but committee and deposit), here the lower-house vote (day 3i + 8): Parties 0..15 have ratified,
    /// Parties 16..31 are pending (16..18 at committee stage, 19..31 with nothing yet). 7 Parties have deposited.
    /// </summary>
    public static readonly LocalDate AsOf = ProtocolSigned.PlusDays(55);

    public const int ExpectedParties = 32;
    public const int ExpectedRatified = 16;
    public const int ExpectedPending = 16;

    /// <summary>Events of the accession stream: opened, 5 steps before ratification, 192 stages, 3 after.</summary>
    public static int StreamEvents => 1 + 5 + SyntheticLog.Allies.Length * Stages.Length + 3;

    /// <summary>Events the generation adds to the log: 32 procedures, the stream, and the new Ally's MemberAdmitted.</summary>
    public static int AddedEvents => SyntheticLog.Allies.Length + StreamEvents + 1;

    /// <summary>Recording time: after every event of the 1M store (recorded from 2026-01-01), before the real clock.</summary>
    public static readonly Instant RecordedAt = SyntheticLog.GeneratedAt + Duration.FromDays(1);

    private static readonly WriteContext Who = new(SyntheticLog.RecordedBy);

    public static IReadOnlyList<RecordAccessionStepCommand> Steps()
    {
        var steps = new List<RecordAccessionStepCommand>
        {
            Step(AccessionStep.Application, Applied, "application") with { Signatories = "President; Prime Minister" },
            Step(AccessionStep.MapWaived, MapWaived, "map"),
            Step(AccessionStep.Invitation, Invited, "invitation") with { Summit = "Washington 2024 (synthetic)" },
            Step(AccessionStep.AccessionTalks, TalksCompleted, "talks"),
            Step(AccessionStep.ProtocolSigned, ProtocolSigned, "protocol"),
        };
        for (var p = 0; p < SyntheticLog.Allies.Length; p++)
        {
            var party = MemberCode.Parse(SyntheticLog.Allies[p].Code);
            for (var s = 0; s < Stages.Length; s++)
                steps.Add(new RecordAccessionStepCommand(AccessionStep.Ratification, DateWindow.On(StageDate(p, s)), Source($"{party}/{Stages[s]}"), "reported",
                    s == 1 ? $"Synthetic vote {300 - p}-{p % 7}" : null, Party: party, Stage: Stages[s]));
        }
        steps.Add(Step(AccessionStep.InvitationToAccede, InvitationToAccede, "invitation-to-accede"));
        steps.Add(Step(AccessionStep.CandidateApproval, CandidateApproval, "candidate-approval"));
        steps.Add(Step(AccessionStep.AccessionDeposited, MemberSince, "deposit"));
        return steps;
    }

    private static RecordAccessionStepCommand Step(AccessionStep step, LocalDate on, string what) =>
        new(step, DateWindow.On(on), Source(what), "confirmed", null);

    private static string Source(string what) => $"Synthetic accession {Candidate}: {what}";

    /// <summary>The procedures CSV (the documented <c>concord import procedures</c> format): the same six stages for every Ally.</summary>
    public static string ProceduresCsv()
    {
        var csv = new StringBuilder("ally_iso3,stages,note,source\n");
        var stages = string.Join(';', Stages.Select(s => Camel(s.ToString())));
        foreach (var (code, name, _) in SyntheticLog.Allies)
            csv.Append(CultureInfo.InvariantCulture, $"{code},{stages},\"{name}: committee, both houses, signature, publication, deposit (synthetic)\",bench\n");
        return csv.ToString();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>Adds the procedures and the accession to <paramref name="file"/> (a copy of the 1M store) and checks the result.</summary>
    public static async Task Write(string file, CancellationToken ct)
    {
        var clock = new FixedClock(RecordedAt);
        await using (var db = new SqliteConcordDbContext(Stores.Options(file, pooling: false)))
        {
            var procedures = await Procedures.Import(db, clock, new StringReader(ProceduresCsv()), Who, ct);
            if (!procedures.Succeeded || procedures.Added != SyntheticLog.Allies.Length)
                throw new InvalidOperationException($"Procedures: added {procedures.Added}; {string.Join("; ", procedures.Errors)}");
        }
        await using (var db = new SqliteConcordDbContext(Stores.Options(file, pooling: false)))
        {
            var steps = Steps().Select((s, i) => (i + 1, s)).ToList();
            var (result, refused) = await RecordAccessionSteps.Handle(db, clock, new RecordAccessionSteps.Request(Candidate, Name, steps), Who, ct);
            if (result.Refusal is { } r || refused.Count > 0)
                throw new InvalidOperationException("The accession was refused: "
                    + string.Join("; ", refused.Select(e => $"step {e.Line}: {e.Refusal.Reason}").Prepend(result.Refusal?.Reason ?? "")));
            if (result.Value != StreamEvents)
                throw new InvalidOperationException($"Recorded {result.Value} accession events, expected {StreamEvents}.");
        }
        await using (var db = new SqliteConcordDbContext(Stores.Options(file, pooling: false)))
        {
            var now = (await GetAccession.Handle(db, clock, Candidate, null, ct)).Value!.Status;
            if (now.MemberSince != DateWindow.On(MemberSince) || now.EnteredIntoForce != DateWindow.On(EnteredIntoForce)
                || now.Parties.Count != ExpectedParties || now.Pending.Count != 0)
                throw new InvalidOperationException($"Unexpected accession: {now.Stage}; {now.Summary}");
            Console.WriteLine($"// {now.Name}: {now.Summary} Protocol in force {now.EnteredIntoForce}, last ratifier {now.LastRatifier}.");
        }
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
