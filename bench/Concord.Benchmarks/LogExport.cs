using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concord.Domain;
using NodaTime;
using NodaTime.Text;

namespace Concord.Benchmarks;

/// <summary>
/// Writes a log in the export format of <c>concord export</c> (docs/data-formats.md: JSON lines, one event per line
/// in log order, each hash chained to the one before), so <c>concord import log</c> loads it into an empty store
/// and rebuilds the read models. Only the documented file format is used, never the event store's own code: a
/// store generated this way is made the same way whatever happens to the write path behind the import.
/// </summary>
/// <remarks>
/// The hash is SHA-256 (lower-case hex) over previousHash, streamId, streamVersion, name, payload, effective and
/// recorded (NodaTime's extended ISO pattern), recordedBy and idempotencyKey (empty when absent), joined by newlines;
/// an event marked above PUBLIC adds the marking's number (the order of clearance, <see cref="Marking"/>) and its
/// releasability ("UKR,SWE" or empty), so lowering a marking in the database breaks the chain.
/// </remarks>
public sealed class LogExport(Stream output)
{
    private readonly ArrayBufferWriter<byte> _line = new(4096);

    /// <summary>The hash the first event of a log chains to.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Log positions written so far (the next event gets Count + 1).</summary>
    public long Count { get; private set; }

    /// <summary>The hash of the last event written: what the next one chains to.</summary>
    public string Head { get; private set; } = GenesisHash;

    /// <summary>The recorded instant of the last event written (null before any).</summary>
    public Instant? LastRecorded { get; private set; }

    /// <summary>
    /// Copies an existing export (e.g. that of a freshly seeded store) line for line, so what follows chains to its
    /// last event. The lines are checked only for their position and hash, which the import recomputes anyway.
    /// </summary>
    public void CopyFrom(string exportFile)
    {
        foreach (var line in File.ReadLines(exportFile))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.GetProperty("position").GetInt64() != Count + 1 || root.GetProperty("previousHash").GetString() != Head)
                throw new InvalidDataException($"{exportFile}: event {Count + 1} is out of order or does not chain.");
            Count++;
            Head = root.GetProperty("hash").GetString()!;
            LastRecorded = InstantPattern.ExtendedIso.Parse(root.GetProperty("recorded").GetString()!).Value;
            output.Write(Encoding.UTF8.GetBytes(line));
            output.WriteByte((byte)'\n');
        }
    }

    /// <summary>Appends one event; <paramref name="payload"/> is its JSON text, stored and hashed as written.</summary>
    public void Append(string streamId, int streamVersion, string name, string payload, Instant effective, Instant recorded, string recordedBy,
        Marking marking = Marking.Public, string? releasableTo = null)
    {
        effective = Micro(effective);
        recorded = Micro(recorded);
        var previous = Head;
        var hash = Hash(previous, streamId, streamVersion, name, payload, effective, recorded, recordedBy, null, marking, releasableTo);
        Count++;
        _line.Clear();
        using (var w = new Utf8JsonWriter(_line))
        {
            w.WriteStartObject();
            w.WriteNumber("position", Count);
            w.WriteString("streamId", streamId);
            w.WriteNumber("streamVersion", streamVersion);
            w.WriteString("name", name);
            w.WritePropertyName("payload");
            w.WriteRawValue(payload, skipInputValidation: false);
            w.WriteString("effective", InstantPattern.ExtendedIso.Format(effective));
            w.WriteString("recorded", InstantPattern.ExtendedIso.Format(recorded));
            w.WriteString("recordedBy", recordedBy);
            w.WriteString("previousHash", previous);
            w.WriteString("hash", hash);
            if (marking != Marking.Public || releasableTo is not null)
                w.WriteString("classification", ClassificationText(marking, releasableTo));
            w.WriteEndObject();
        }
        output.Write(_line.WrittenSpan);
        output.WriteByte((byte)'\n');
        Head = hash;
        LastRecorded = recorded;
    }

    /// <summary>The hash of an event as the export format defines it (see the remarks on <see cref="LogExport"/>).</summary>
    public static string Hash(string previousHash, string streamId, int streamVersion, string name, string payload, Instant effective,
        Instant recorded, string recordedBy, string? idempotencyKey, Marking marking, string? releasableTo)
    {
        var text = string.Join('\n', previousHash, streamId, streamVersion.ToString(CultureInfo.InvariantCulture), name, payload,
            InstantPattern.ExtendedIso.Format(effective), InstantPattern.ExtendedIso.Format(recorded), recordedBy, idempotencyKey ?? "");
        if (marking != Marking.Public || releasableTo is not null)
            text += "\n" + ((int)marking).ToString(CultureInfo.InvariantCulture) + "\n" + (releasableTo ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A marking as the export writes it: "NATO SECRET", "NATO RESTRICTED REL UKR".</summary>
    public static string ClassificationText(Marking marking, string? releasableTo) =>
        Classification.Words(marking) + (releasableTo is null ? "" : " REL " + releasableTo.Replace(",", ", ", StringComparison.Ordinal));

    /// <summary>Instants are stored to the microsecond; a finer one would not read back with the same hash.</summary>
    public static Instant Micro(Instant instant) => Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks() / 10 * 10);
}
