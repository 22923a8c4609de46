using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SocialSla.Standalone.Server.Api;

/// <summary>A CSV answer (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
/// line break), offered as a download named <paramref name="fileName"/>.</summary>
/// <remarks>Free text from customers goes through <see cref="Text"/>, which also defuses spreadsheet formulas: a value
/// that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return gets a leading <c>'</c>.</remarks>
internal sealed class CsvBody(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "text/csv; charset=utf-8";
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var text = new StringBuilder();
        AppendRow(text, header);
        foreach (var row in rows) AppendRow(text, row);
        await httpContext.Response.WriteAsync(text.ToString(), Encoding.UTF8);
    }

    /// <summary>A number in invariant culture with up to <paramref name="decimals"/> decimals; empty for none.</summary>
    public static string Number(double? value, int decimals = 3) =>
        value is { } v ? Math.Round(v, decimals).ToString("0.###############", CultureInfo.InvariantCulture) : "";

    /// <summary>A whole number in invariant culture.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Customer or user text, with spreadsheet formulas defused.</summary>
    public static string Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value ?? "";

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) text.Append(',');
            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0) text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else text.Append(field);
        }
        text.Append("\r\n");
    }
}
