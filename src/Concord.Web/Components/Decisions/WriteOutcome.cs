using Concord.Domain;
using Concord.Features;
using Concord.Features.Decisions;
using Concord.Features.EventLog;
using Concord.Web.Components.Shared;
using Concord.Features.Access;
using Microsoft.AspNetCore.Components.Authorization;
using NodaTime;

namespace Concord.Web.Components.Decisions;

/// <summary>What a form shows after a write: the refusal in the domain's words, or what was done.</summary>
/// <param name="Field">The input at fault, as the domain names it (member, kind, effective...), when a refusal names one.</param>
public sealed record WriteOutcome(bool Done, string Message, string? Field = null)
{
    // There is no shared "browser" writer: a form writes as the circuit's account (WriteContext.By(reader)), so the log
    // names who acted and the use case checks that account's rights and scope.

    /// <summary>
    /// Runs a decision write in its own scope, as the circuit's account as it is now (asked of <paramref name="auth"/> at
    /// the moment of writing, not when the form was shown: the account may have been locked or changed since), and turns
    /// every way it can end into words.
    /// </summary>
    public static async Task<(WriteOutcome Outcome, DecisionView? View)> Of(
        ConcordStore store, AuthenticationStateProvider auth,
        Func<Features.Storage.ConcordDbContext, IClock, WriteContext, Task<Result<DecisionView>>> write, Func<DecisionView, string> done)
    {
        var reader = await ConcordStore.ReaderOf(auth);
        if (reader.Actor == Reader.Anonymous.Actor)
            return (new WriteOutcome(false, "You are not signed in, or your session has ended: sign in again. Nothing was recorded."), null);
        try
        {
            var result = await store.Run((db, clock) => write(db, clock, WriteContext.By(reader)));
            return result.Refusal is { } refusal
                ? (Refused(refusal), null)
                : (new WriteOutcome(true, done(result.Value!)), result.Value);
        }
        catch (ConcurrencyException)
        {
            return (new WriteOutcome(false, "Someone else changed this decision at the same moment; the room now shows their change. Check it and try again."), null);
        }
        catch (StoreWriteException)
        {
            return (new WriteOutcome(false, "The store did not accept the change; nothing was stored. Try again later."), null);
        }
    }

    public static WriteOutcome Refused(Refusal refusal) => new(false, refusal.Reason, refusal.Field);
}
