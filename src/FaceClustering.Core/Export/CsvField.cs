namespace FaceClustering.Core.Export;

/// <summary>One field of the CSV files the results hold (clusters.csv, review.csv).</summary>
internal static class CsvField
{
    /// <summary>
    /// RFC 4180 quoting, and a cell a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or
    /// a carriage return) neutralised as OWASP advises: a leading apostrophe, and the cell quoted.
    /// </summary>
    internal static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            return "\"'" + field.Replace("\"", "\"\"") + "\"";
        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
    }
}
