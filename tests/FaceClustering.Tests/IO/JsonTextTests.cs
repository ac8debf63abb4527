using System.Text.Json;
using FaceClustering.Core.IO;

namespace FaceClustering.Tests.IO;

/// <summary>JSON strings with letters of any script as they are and only what JSON requires escaped; every parser reads them back.</summary>
public class JsonTextTests
{
    [Theory]
    [InlineData("Zoë Ångström", "\"Zoë Ångström\"")]
    [InlineData("山田 太郎", "\"山田 太郎\"")]
    [InlineData("a+b & <c>'d'.jpg", "\"a+b & <c>'d'.jpg\"")]
    [InlineData("say \"hi\"\\now", "\"say \\\"hi\\\"\\\\now\"")]
    [InlineData("tab\tline\n", "\"tab\\tline\\n\"")]
    public void Text_is_kept_readable_and_escaped_only_where_json_requires(string text, string json)
    {
        Assert.Equal(json, JsonText.Quote(text));
        Assert.Equal(text, JsonSerializer.Deserialize<string>(json));
    }

    [Fact]
    public void Null_is_null()
    {
        Assert.Equal("null", JsonText.Quote(null));
        Assert.Contains("\\u0001", JsonText.Quote("\u0001")); // control characters stay escaped
    }
}
