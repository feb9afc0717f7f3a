using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Concord.Tests;

/// <summary>Reads and forges backup files (gzip'ed JSON lines ending with a checksum line), as someone tampering with one would.</summary>
public static class BackupFiles
{
    public static string[] Lines(byte[] file)
    {
        using var gzip = new GZipStream(new MemoryStream(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// The file with <paramref name="edit"/> applied to each row line (the header and the checksum line are kept); with
    /// <paramref name="recomputeChecksum"/>, the checksum is made to match again, so only the chain can tell.
    /// </summary>
    public static byte[] Edit(byte[] file, Func<JsonObject, JsonObject?> edit, bool recomputeChecksum)
    {
        var lines = Lines(file);
        var rows = new List<string> { lines[0] };
        foreach (var line in lines[1..^1])
            if (edit(JsonNode.Parse(line)!.AsObject()) is { } row) rows.Add(row.ToJsonString());
        var trailer = JsonNode.Parse(lines[^1])!.AsObject();
        if (recomputeChecksum)
            trailer["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => r + "\n")))));
        rows.Add(trailer.ToJsonString());
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => r + "\n"))));
        return output.ToArray();
    }

    /// <summary>An edit that changes the payload of the first event of <paramref name="stream"/> (a forged position, say) and nothing else.</summary>
    public static Func<JsonObject, JsonObject?> AlterFirstEventOf(string stream)
    {
        var done = false;
        return line =>
        {
            if (done || line["table"]?.GetValue<string>() != "events" || line["row"]!["StreamId"]!.GetValue<string>() != stream) return line;
            var payload = line["row"]!["Payload"]!.GetValue<string>();
            line["row"]!["Payload"] = payload[..^1] + ",\"note\":\"forged\"}";
            done = true;
            return line;
        };
    }
}
