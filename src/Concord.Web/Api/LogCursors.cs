using System.Globalization;
using System.Security.Cryptography;
using Concord.Domain;
using Concord.Features;
using Concord.Features.Access;
using Microsoft.AspNetCore.DataProtection;

namespace Concord.Web.Api;

/// <summary>
/// Opaque cursors for paging the log (the event feed, the audit trail). A cursor is the log position a page ended at,
/// encrypted and authenticated with ASP.NET Core Data Protection: a reader who does not see every event must be able to
/// continue where it stopped without learning the position, since two positions differ by the number of events between
/// them, hidden ones included. A signed but readable token (an HMAC over the position) would show the position; Data
/// Protection encrypts it, with a fresh nonce each time (the same position never gives the same cursor), under the key ring
/// the host already keeps for its sign-in cookies, so a deployment whose instances share cookies shares cursors too.
/// </summary>
public static class LogCursors
{
    /// <summary>Seals <paramref name="position"/> into a cursor for the log named by <paramref name="purpose"/> ("feed", "audit").</summary>
    public static string Seal(IDataProtectionProvider protection, string purpose, long position) =>
        Protector(protection, purpose).Protect(position.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Where a page starts for <paramref name="reader"/>: after the position <paramref name="after"/>, which only a reader who
    /// sees every event may give (any other would learn where hidden events are by probing positions), or after the
    /// position sealed in <paramref name="cursor"/>, which anyone may give; from the start when neither is given.
    /// </summary>
    public static Result<long> Start(IDataProtectionProvider protection, string purpose, Reader reader, long? after, string? cursor)
    {
        if (after is < 0) return Refusal.Invalid("after", "'after' must be zero or a log position.");
        if (after is > 0 && cursor is not null) return Refusal.Invalid("cursor", "Give either 'after' or 'cursor', not both.");
        if (after is > 0 && !Visibility.SeesEveryEvent(reader))
            return Refusal.Invalid("after", "'after' pages by log position, which is given only to a reader who sees every event; "
                + "continue with the 'cursor' the previous page gave.");
        if (cursor is null) return after ?? 0;
        return Open(protection, purpose, cursor) is { } position ? position
            : Refusal.Invalid("cursor", "'cursor' is not a cursor this log gave; take it from the previous page, or start again without it.");
    }

    private static long? Open(IDataProtectionProvider protection, string purpose, string cursor)
    {
        if (cursor.Length is 0 or > 1000) return null;
        try
        {
            var text = Protector(protection, purpose).Unprotect(cursor);
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : null;
        }
        catch (CryptographicException) { return null; }
        catch (FormatException) { return null; }
    }

    private static IDataProtector Protector(IDataProtectionProvider protection, string purpose) =>
        protection.CreateProtector("Concord.LogCursor", purpose);
}
