using Concord.Domain.Accession;
using Xunit;
using static Concord.Domain.Tests.Accession.Candidacy;

namespace Concord.Domain.Tests.Accession;

/// <summary>The Alliance's declarations and meetings about a candidate's path: history on the timeline, no step of the path.</summary>
public sealed class DeclarationTests
{
    private static RecordAccessionStepCommand Declared(string date, string summit) =>
        new(AccessionStep.Declaration, On(date), "test", "official", null, Summit: summit);

    [Fact]
    public void a_declaration_needs_no_step_before_it_even_one_made_before_the_candidate_applied()
    {
        var decided = Opened().Decide(Declared("2008-04-03", "bucharest-2008"), Four, Today);

        Assert.Equal(new AllianceDeclared("bucharest-2008", On("2008-04-03"), "test", "official", null), Assert.Single(decided.Events));
    }

    [Fact]
    public void a_declaration_takes_no_step_of_the_path_and_leaves_the_state_as_it_was()
    {
        var applied = Opened().Then(Four, Applied("2022-09-30"));

        var declared = applied.Then(Four, Declared("2023-07-11", "vilnius-2023"), Declared("2024-07-10", "washington-2024"));

        Assert.Equal(applied.Steps, declared.Steps);
    }
}
