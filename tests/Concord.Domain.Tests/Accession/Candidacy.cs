using Concord.Domain.Accession;
using Concord.Domain.Members;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Concord.Domain.Tests.Accession;

using Accession = global::Concord.Domain.Accession.Accession;

/// <summary>
/// A candidate's path for tests: each step is asked for by a command, decided (and must be accepted) then evolved, with today fixed at
/// <see cref="Today"/>. The default candidate is Serbia, a real state that is not an Ally.
/// </summary>
internal static class Candidacy
{
    /// <summary>Today for every decision: 2025-06-01.</summary>
    public static readonly LocalDate Today = new(2025, 6, 1);

    private static readonly LocalDate Seated = new(1999, 3, 12);

    /// <summary>Four Allies seated long before any test date: Canada, Hungary, Türkiye, the United States.</summary>
    public static Body Four { get; } = Council(("CAN", "Canada"), ("HUN", "Hungary"), ("TUR", "Türkiye"), ("USA", "United States"));

    /// <summary>Five Allies, for analytics with round numbers: Belgium, Canada, Denmark, Hungary, Türkiye.</summary>
    public static Body Five { get; } = Council(("BEL", "Belgium"), ("CAN", "Canada"), ("DNK", "Denmark"), ("HUN", "Hungary"), ("TUR", "Türkiye"));

    public static Body Council(params (string Code, string Name)[] allies) =>
        new(Body.Nato, "North Atlantic Council", allies.Select(a => new Seat(MemberCode.Parse(a.Code), a.Name, Seated)).ToList());

    /// <summary>The council with one more Ally seated from <paramref name="since"/> (as its deposit would admit it).</summary>
    public static Body Admit(this Body nato, string code, string name, string since) =>
        BodySeats.Evolve(nato, Body.Nato, new MemberAdmitted(Body.Nato, MemberCode.Parse(code), name, Date(since), 0, false, null, null));

    public static MemberCode Code(string code) => MemberCode.Parse(code);

    public static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).GetValueOrThrow();

    public static DateWindow On(string iso) => DateWindow.On(Date(iso));

    public static DateWindow OnOrBefore(string iso) => DateWindow.OnOrBefore(Date(iso));

    public static DateWindow OnOrAfter(string iso) => DateWindow.OnOrAfter(Date(iso));

    public static DateWindow Between(string first, string last) => DateWindow.Between(Date(first), Date(last));

    public static Accession Opened(string code = "SRB", string name = "Serbia") =>
        Accession.Evolve(null, new AccessionOpened(Code(code), name))!;

    /// <summary>Serbia, invited on <paramref name="invited"/> and its protocol signed on <paramref name="signed"/>.</summary>
    public static Accession Signed(Body nato, string invited = "2024-07-10", string signed = "2024-09-02") =>
        Opened().Then(nato, Invited(invited), ProtocolSignedOn(signed));

    /// <summary>Decides each step against the state the previous ones left and evolves it; fails the test on a refusal.</summary>
    public static Accession Then(this Accession state, Body nato, params RecordAccessionStepCommand[] steps)
    {
        foreach (var step in steps)
        {
            var decided = state.Decide(step, nato, Today);
            Assert.True(decided.Refusal is null, $"{step} was refused: {decided.Refusal?.Reason}");
            foreach (var e in decided.Events) state = Accession.Evolve(state, e)!;
        }
        return state;
    }

    /// <summary>Deposits for every Party of <paramref name="nato"/> on <paramref name="date"/> except those named.</summary>
    public static Accession DepositedBy(this Accession state, Body nato, string date, params string[] except) =>
        state.Then(nato, [.. state.PartiesOn(nato, Date(date)).Where(p => !except.Contains(p.Member.Value)).Select(p => Deposited(p.Member.Value, date))]);

    /// <summary>The refusal of a step the test expects to be refused.</summary>
    public static Refusal Refused(this Accession state, Body nato, RecordAccessionStepCommand step)
    {
        var decided = state.Decide(step, nato, Today);
        Assert.True(decided.Refusal is not null, $"{step} was accepted.");
        Assert.Empty(decided.Events);
        return decided.Refusal;
    }

    public static RecordAccessionStepCommand Applied(string date) =>
        new(AccessionStep.Application, On(date), "test", "reported", null, Signatories: "The President");

    public static RecordAccessionStepCommand Invited(string date) => new(AccessionStep.Invitation, On(date), "test", "reported", null, Summit: "test-summit");

    public static RecordAccessionStepCommand TalksCompleted(string date) => new(AccessionStep.AccessionTalks, On(date), "test", "reported", null);

    public static RecordAccessionStepCommand ProtocolSignedOn(string date) => new(AccessionStep.ProtocolSigned, On(date), "test", "reported", null);

    public static RecordAccessionStepCommand Stage(string party, RatificationStage stage, DateWindow date, string? source = "test") =>
        new(AccessionStep.Ratification, date, source, "reported", null, Party: Code(party), Stage: stage);

    public static RecordAccessionStepCommand Approved(string party, string date) => Stage(party, RatificationStage.ParliamentaryApproval, On(date));

    public static RecordAccessionStepCommand Deposited(string party, string date) => Stage(party, RatificationStage.Deposit, On(date));

    /// <summary>A source names <paramref name="party"/> as the last Party to deposit, within <paramref name="date"/>.</summary>
    public static RecordAccessionStepCommand Last(string party, DateWindow date) =>
        new(AccessionStep.LastRatification, date, "test", "reported", null, Party: Code(party));

    public static RecordAccessionStepCommand Withdrew(string party, string date) =>
        new(AccessionStep.RatificationWithdrawn, On(date), "test", "reported", null, Party: Code(party));

    public static RecordAccessionStepCommand InvitedToAccede(string date) => new(AccessionStep.InvitationToAccede, On(date), "test", "reported", null);

    public static RecordAccessionStepCommand CandidateApproved(string date) => new(AccessionStep.CandidateApproval, On(date), "test", "reported", null);

    public static RecordAccessionStepCommand Acceded(string date) => new(AccessionStep.AccessionDeposited, On(date), "test", "reported", null);
}
