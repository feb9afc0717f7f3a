using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Concord.Features.Storage;

/// <summary>Reading a column with a raw reader as EF materializes it: through the value converter its mapping has, if any.</summary>
public static class StoredValues
{
    /// <summary>A reader of <paramref name="property"/>'s column, as a <typeparamref name="T"/> (its CLR type).</summary>
    public static Func<DbDataReader, int, T> Reader<T>(IProperty property)
    {
        if (property.GetTypeMapping().Converter is not { } converter) return (reader, i) => reader.GetFieldValue<T>(i);
        return (Func<DbDataReader, int, T>)typeof(StoredValues).GetMethod(nameof(Converted), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeof(T), converter.ProviderClrType).Invoke(null, [converter])!;
    }

    private static Func<DbDataReader, int, T> Converted<T, TStored>(ValueConverter converter)
    {
        var fromStored = (Func<TStored, T>)converter.ConvertFromProviderExpression.Compile();
        return (reader, i) => fromStored(reader.GetFieldValue<TStored>(i));
    }

    /// <summary>
    /// The value of <paramref name="property"/> from the integer stored for it (an instant's ticks on SQLite, an enum's
    /// number), through the mapping's converter as EF reads it.
    /// </summary>
    public static Func<long, T> FromInteger<T>(IProperty property)
    {
        var converter = property.GetTypeMapping().Converter;
        if (converter is null)
            return typeof(T).IsEnum ? stored => (T)Enum.ToObject(typeof(T), stored)
                : typeof(T) == typeof(long) ? stored => (T)(object)stored
                : throw new NotSupportedException($"{property.Name} is not stored as an integer.");
        if (converter.ProviderClrType == typeof(long)) return (Func<long, T>)converter.ConvertFromProviderExpression.Compile();
        if (converter.ProviderClrType == typeof(int))
        {
            var fromInt = (Func<int, T>)converter.ConvertFromProviderExpression.Compile();
            return stored => fromInt(checked((int)stored));
        }
        throw new NotSupportedException($"{property.Name} is stored as {converter.ProviderClrType.Name}, not an integer.");
    }
}
