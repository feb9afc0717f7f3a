using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Concord.Features.Accounts;

/// <summary>
/// The text of a personal access token: <c>concord_pat_PREFIX_SECRET</c>. The prefix (ten letters and digits) is not
/// secret and finds the stored row; the secret is 32 random bytes written in base64url, and only the SHA-256 hash of
/// that text (UTF-8) is stored.
/// </summary>
public static class AccessTokenText
{
    public const string Start = "concord_pat_";
    public const int PrefixLength = 10;
    public const int SecretBytes = 32;

    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>A fresh prefix and secret, from the operating system's cryptographic random source.</summary>
    public static (string Prefix, string Secret) NewToken() =>
        (RandomNumberGenerator.GetString(PrefixAlphabet, PrefixLength), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes)));

    public static string Format(string prefix, string secret) => $"{Start}{prefix}_{secret}";

    /// <summary>The prefix and secret of a token's text, or null when the text is not shaped like a token.</summary>
    public static (string Prefix, string Secret)? Parse(string? text)
    {
        if (text is null || !text.StartsWith(Start, StringComparison.Ordinal)) return null;
        var rest = text.AsSpan(Start.Length).Trim();
        var cut = rest.IndexOf('_');
        if (cut != PrefixLength) return null;
        var prefix = rest[..cut];
        foreach (var c in prefix) if (!char.IsAsciiLetterOrDigit(c)) return null;
        var encoded = rest[(cut + 1)..];
        if (encoded.Length != Base64Url.GetEncodedLength(SecretBytes)) return null;
        Span<byte> secret = stackalloc byte[SecretBytes + 2];
        // The status form, not TryDecodeFromChars: that one throws on text whose last character carries stray bits
        // (a forged token), and a malformed token must be refused, never fail the request.
        if (Base64Url.DecodeFromChars(encoded, secret, out _, out var written) != System.Buffers.OperationStatus.Done || written != SecretBytes) return null;
        return (prefix.ToString(), encoded.ToString());
    }

    /// <summary>What is stored of a secret: the SHA-256 hash of its text, in lower-case hex.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>True when <paramref name="secret"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    public static bool Matches(string secret, string storedHash)
    {
        if (storedHash.Length != SHA256.HashSizeInBytes * 2) return false;
        byte[] stored;
        try { stored = Convert.FromHexString(storedHash); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), stored);
    }
}
