using Concord.Domain;

namespace Concord.Features.Tests;

/// <summary>A write's answer after its commit: the view, or "recorded" when the view cannot be built, never a failure.</summary>
public sealed class AnsweredTests
{
    [Fact]
    public async Task a_view_that_fails_after_the_commit_is_answered_as_recorded_not_as_an_error()
    {
        var answer = await Answered.AfterCommit<string>(() => throw new ArgumentOutOfRangeException("daysSinceEpoch"), "The change to decision 'x'");

        Assert.Equal(RefusalKind.Recorded, answer.Refusal?.Kind);
        Assert.StartsWith("The change to decision 'x' was recorded", answer.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_view_that_is_built_is_the_answer()
    {
        var answer = await Answered.AfterCommit(() => Task.FromResult(new Result<string>("view", null)), "The change");

        Assert.Equal("view", answer.Value);
    }
}
