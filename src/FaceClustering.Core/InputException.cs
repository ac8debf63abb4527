using System.Globalization;
using System.Runtime.CompilerServices;

namespace FaceClustering.Core;

/// <summary>
/// A problem with what the user asked for (a path, a folder, an option, a file they gave) that they must fix. The
/// text may name settings (<see cref="Setting"/> values among its arguments): <see cref="Render"/> words them as a
/// front end names them (the command lines: their flags); <see cref="Exception.Message"/> words them plainly
/// ("the output setting"). A long text may come in parts, which are joined.
/// </summary>
public class InputException(params FormattableString[] text) : Exception(SettingText.Render(Join(text), SettingText.InWords))
{
    private readonly FormattableString _text = Join(text);

    /// <summary>The message with each setting named by <paramref name="name"/>.</summary>
    public string Render(Func<Setting, string> name) => SettingText.Render(_text, name);

    private static FormattableString Join(FormattableString[] parts) =>
        parts.Length == 1 ? parts[0] : FormattableStringFactory.Create(string.Concat(parts.Select((_, i) => $"{{{i}}}")), parts);
}

/// <summary>Text that may name settings (errors, a run's notices), worded for whoever shows it.</summary>
public static class SettingText
{
    /// <summary><paramref name="text"/> with each <see cref="Setting"/> among its arguments named by <paramref name="name"/>.</summary>
    public static string Render(FormattableString text, Func<Setting, string> name) =>
        string.Format(CultureInfo.InvariantCulture, text.Format,
            text.GetArguments().Select(a => a switch
            {
                Setting s => name(s),
                FormattableString nested => Render(nested, name),
                _ => a,
            }).ToArray());

    /// <summary>A setting as Core's own messages name it: "the min-face-size setting".</summary>
    public static string InWords(Setting setting)
    {
        var name = setting.ToString();
        var words = string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
        return $"the {words} setting";
    }
}

/// <summary>
/// A setting whose value no run can use, by setting and rule: "<c>{setting} must be at least 1 (got 0)</c>". Thrown
/// where an options record is validated, once.
/// </summary>
/// <param name="hint">What to choose instead, after the value: "1 finds faces down to about 40 px".</param>
public sealed class OptionException(Setting setting, object? value, FormattableString rule, FormattableString? hint = null)
    : InputException(value is null ? (FormattableString)$"{setting} {rule}" : $"{setting} {rule} (got {value})",
        hint is null ? (FormattableString)$"" : $"; {hint}")
{
    public Setting Setting { get; } = setting;
    public object? Value { get; } = value;
}
