namespace FaceClustering.Tests;

/// <summary>
/// A problem the user must fix, whose text names settings: plain words in <see cref="Exception.Message"/>, each
/// front end's own names through Render; long texts in parts, nested texts rendered too.
/// </summary>
public class InputExceptionTests
{
    [Fact]
    public void Settings_are_worded_plainly_or_as_the_front_end_names_them()
    {
        var error = new InputException($"{Setting.MinFaceSize} and {Setting.XmpBesidePhotos} cannot go together");
        Assert.Equal("the min-face-size setting and the xmp-beside-photos setting cannot go together", error.Message);
        Assert.Equal("<MinFaceSize> and <XmpBesidePhotos> cannot go together", error.Render(s => $"<{s}>"));
    }

    [Fact]
    public void Parts_are_joined_and_nested_texts_rendered()
    {
        FormattableString nested = $"{Setting.Threshold} {0.5}";
        var error = new InputException($"first {nested}, ", $"then {Setting.Jobs} {1234.5}");
        Assert.Equal("first the threshold setting 0.5, then the jobs setting 1234.5", error.Message);
        Assert.Equal("first --threshold 0.5, then -j 1234.5", error.Render(s => s == Setting.Threshold ? "--threshold" : "-j"));
    }

    [Fact]
    public void An_option_error_keeps_its_setting_value_and_hint()
    {
        var error = new OptionException(Setting.Upsample, 9, $"must be 0 to 3", $"1 finds faces down to about 40 px");
        Assert.Equal((Setting.Upsample, (object?)9), (error.Setting, error.Value));
        Assert.Equal("the upsample setting must be 0 to 3 (got 9); 1 finds faces down to about 40 px", error.Message);
        Assert.Equal("the wait setting is required", new OptionException(Setting.Wait, null, $"is required").Message);
    }
}
