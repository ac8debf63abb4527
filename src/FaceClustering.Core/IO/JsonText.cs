using System.Text.Encodings.Web;
using System.Text.Json;

namespace FaceClustering.Core.IO;

/// <summary>
/// JSON strings as the tools' files write them (people.json, changes.jsonl, clusters.json): letters of any script
/// as they are, so names and paths read as typed in a diff or a grep ("Zoë", not "Zo\u00EB"), and only what JSON
/// itself requires escaped (quotes, backslashes, control characters). The default encoder also escapes '+', '&amp;',
/// '&lt;' and every non-ASCII letter, which is for JSON embedded in HTML; none of these files is.
/// </summary>
public static class JsonText
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON string literal, or null.</summary>
    public static string Quote(string? text) => JsonSerializer.Serialize(text, Options);
}
