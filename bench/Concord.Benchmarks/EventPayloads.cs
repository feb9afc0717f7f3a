using System.Buffers;
using System.Text;
using System.Text.Json;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using NodaTime;
using NodaTime.Text;

namespace Concord.Benchmarks;

/// <summary>
/// The stored name and JSON payload of the events the generators write, as Concord's export shows them (camelCase
/// properties in declaration order, enums as camelCase strings, nulls left out, NodaTime values in ISO text), written
/// here by hand so the generated logs do not depend on the serializer setup of the code under test. Stored names are
/// the stable strings of docs/data-formats.md.
/// </summary>
public static class EventPayloads
{
    public static (string Name, string Payload) Of(object e) => e switch
    {
        MemberAdmitted m => ("MemberAdmitted", Json(w =>
        {
            w.WriteString("body", m.Body);
            w.WriteString("member", m.Member.Value);
            w.WriteString("name", m.Name);
            w.WriteString("since", LocalDatePattern.Iso.Format(m.Since));
            w.WriteNumber("population", m.Population);
            w.WriteBoolean("permanent", m.Permanent);
            Optional(w, "sources", m.Sources);
            Optional(w, "notes", m.Notes);
        })),
        DecisionOpened o => ("DecisionOpened", Json(w =>
        {
            w.WriteString("decision", o.Decision.Value);
            w.WriteString("subject", o.Subject);
            w.WriteString("body", o.Body);
            w.WriteString("rule", Camel(o.Rule));
            Optional(w, "summit", o.Summit);
            Optional(w, "concerned", o.Concerned?.Value);
        })),
        PositionRecorded p => (p switch
        {
            ReservationPlaced => "ReservationPlaced",
            ReservationLifted => "ReservationLifted",
            FootnoteEntered => "FootnoteEntered",
            SilenceBroken => "SilenceBroken",
            PositionStated => "PositionStated",
            _ => throw new ArgumentException($"No stored name for {p.GetType().Name}."),
        }, Json(w =>
        {
            w.WriteString("member", p.Member.Value);
            w.WriteString("kind", Camel(p.Kind));
            Optional(w, "condition", p.Condition);
            Optional(w, "source", p.Source);
            Optional(w, "confidence", p.Confidence);
            Optional(w, "note", p.Note);
        })),
        DraftPutUnderSilence s => ("DraftPutUnderSilence", Json(w => w.WriteString("deadline", InstantPattern.ExtendedIso.Format(s.Deadline)))),
        DecisionAdoptedUnderSilence a => ("DecisionAdoptedUnderSilence", Json(w => w.WriteString("deadline", InstantPattern.ExtendedIso.Format(a.Deadline)))),
        DecisionConcluded c => ("DecisionConcluded", Json(w => w.WriteString("outcome", Camel(c.Outcome)))),
        DecisionWithdrawn d => ("DecisionWithdrawn", Json(w => w.WriteString("reason", d.Reason))),
        OutcomeReleased r => ("OutcomeReleased", Json(w => w.WriteString("statement", r.Statement))),
        _ => throw new ArgumentException($"The generators do not write {e.GetType().Name} events."),
    };

    private static string Camel<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static string Json(Action<Utf8JsonWriter> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            properties(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
