namespace Concord.Domain;

/// <summary>Enum values as the API and the CLI spell them: camelCase (<c>adReferendum</c>, <c>natoConsensus</c>).</summary>
public static class Words
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
