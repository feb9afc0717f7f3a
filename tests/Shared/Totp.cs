using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Concord.Tests;

/// <summary>
/// The codes an authenticator app shows (RFC 6238: HMAC-SHA1 over the 30-second step since the Unix epoch, 6 digits),
/// computed here from the shared key so that a test signs in as a person with the app would, not through Identity's helpers.
/// </summary>
public static class Totp
{
    /// <summary>The code for <paramref name="key"/> (Base32, spaces and case ignored) at <paramref name="at"/> (default now).</summary>
    public static string Code(string key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(Base32(key), counter);
        var offset = hash[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF) % 1_000_000;
        return binary.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A code that is not the key's for any step near <paramref name="at"/>: what a guesser would type.</summary>
    public static string WrongCode(string key, DateTimeOffset? at = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        var near = Enumerable.Range(-3, 7).Select(i => Code(key, now.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = new string(text.ToUpperInvariant().Where(c => c != ' ' && c != '=').ToArray());
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
