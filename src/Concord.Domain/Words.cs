namespace Concord.Domain;

/// <summary>Enum values as the API and the CLI spell them: camelCase (<c>adReferendum</c>, <c>natoConsensus</c>).</summary>
public static class Words
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Camel(value.ToString());

    /// <summary>A PascalCase name in camelCase: <c>AdReferendum</c> → <c>adReferendum</c>.</summary>
    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
