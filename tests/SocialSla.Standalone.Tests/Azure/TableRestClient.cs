using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Standalone.Tests.Azure;

/// <summary>The Table REST API over <see cref="HttpClient"/> with SharedKeyLite authentication: what the contract tests
/// drive Azurite with (the Functions app does the same through Azure.Data.Tables).</summary>
internal sealed class TableRestClient(HttpClient http, Uri accountEndpoint, string account, string key, string table) : ITableTransactionPort
{
    private const string JsonFull = "application/json;odata=fullmetadata";

    public int Conflicts;

    public async Task CreateTableAsync(CancellationToken ct = default)
    {
        using var request = Request(HttpMethod.Post, "Tables");
        request.Content = Json(Encoding.UTF8.GetBytes($$"""{"TableName":"{{table}}"}"""));
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.NoContent or HttpStatusCode.Conflict))
            throw await Failure(response, "create table");
    }

    public async Task<TableEntityData?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, EntityPath(partitionKey, rowKey));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode) throw await Failure(response, "get");
        var entity = Assert.Single(TableEntityJson.ReadResponse(await response.Content.ReadAsByteArrayAsync(cancellationToken)));
        var etag = response.Headers.ETag?.ToString() ?? entity.ETag;
        return entity with { ETag = etag };
    }

    public async Task<string> GetRawAsync(string partitionKey, string rowKey, CancellationToken ct = default)
    {
        using var request = Request(HttpMethod.Get, EntityPath(partitionKey, rowKey));
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw await Failure(response, "get");
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<IReadOnlyList<TableEntityData>> QueryAsync(string filter, CancellationToken ct = default)
    {
        using var request = Request(HttpMethod.Get, $"{table}()", "$filter=" + Uri.EscapeDataString(filter));
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw await Failure(response, "query");
        return TableEntityJson.ReadResponse(await response.Content.ReadAsByteArrayAsync(ct));
    }

    public async Task<TableWriteOutcome> InsertAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, table);
        request.Headers.Add("Prefer", "return-no-content");
        request.Content = Json(TableEntityJson.ToUtf8(partitionKey, rowKey, properties));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict) { Interlocked.Increment(ref Conflicts); return TableWriteOutcome.Conflict; }
        if (!response.IsSuccessStatusCode) throw await Failure(response, "insert");
        return TableWriteOutcome.Written;
    }

    public async Task<TableWriteOutcome> ReplaceAsync(string partitionKey, string rowKey, IReadOnlyDictionary<string, object> properties, string etag, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, EntityPath(partitionKey, rowKey));
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        request.Content = Json(TableEntityJson.ToUtf8(partitionKey, rowKey, properties));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) { Interlocked.Increment(ref Conflicts); return TableWriteOutcome.Conflict; }
        if (!response.IsSuccessStatusCode) throw await Failure(response, "replace");
        return TableWriteOutcome.Written;
    }

    /// <summary>An entity group transaction (<c>POST $batch</c>, one multipart/mixed changeset): all changes or none; a
    /// 404, 409 or 412 in the answer is a conflict.</summary>
    public async Task<TableWriteOutcome> SubmitAsync(string partitionKey, IReadOnlyList<TableChange> changes, CancellationToken cancellationToken)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var body = new StringBuilder();
        body.Append("--").Append(batch).Append("\r\nContent-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");
        foreach (var change in changes)
        {
            body.Append("--").Append(changeset).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            var (method, path) = change.Kind switch
            {
                TableChangeKind.Insert => ("POST", table),
                TableChangeKind.Replace => ("PUT", EntityPath(partitionKey, change.RowKey)),
                _ => ("DELETE", EntityPath(partitionKey, change.RowKey)),
            };
            body.Append(method).Append(' ').Append(new Uri(accountEndpoint, path)).Append(" HTTP/1.1\r\n");
            body.Append("Accept: application/json;odata=minimalmetadata\r\nDataServiceVersion: 3.0;\r\n");
            if (change.ETag is { } etag) body.Append("If-Match: ").Append(etag).Append("\r\n");
            if (change.Kind == TableChangeKind.Delete)
            {
                body.Append("\r\n");
                continue;
            }
            if (change.Kind == TableChangeKind.Insert) body.Append("Prefer: return-no-content\r\n");
            body.Append("Content-Type: application/json\r\n\r\n")
                .Append(Encoding.UTF8.GetString(TableEntityJson.ToUtf8(partitionKey, change.RowKey, change.Properties))).Append("\r\n");
        }
        body.Append("--").Append(changeset).Append("--\r\n--").Append(batch).Append("--\r\n");
        using var request = Request(HttpMethod.Post, "$batch");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString()));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={batch}");
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Table batch answered {(int)response.StatusCode}: {text}");
        var statuses = System.Text.RegularExpressions.Regex.Matches(text, @"HTTP/1\.1 (\d{3})").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        if (statuses.Count == 0) throw new InvalidOperationException($"Table batch answered no change status: {text}");
        if (statuses.All(status => status is >= 200 and < 300)) return TableWriteOutcome.Written;
        if (statuses.Any(status => status is 404 or 409 or 412)) { Interlocked.Increment(ref Conflicts); return TableWriteOutcome.Conflict; }
        throw new InvalidOperationException($"Table batch failed: {text}");
    }

    private string EntityPath(string partitionKey, string rowKey) =>
        $"{table}(PartitionKey={Uri.EscapeDataString(TableEntityJson.Quote(partitionKey))},RowKey={Uri.EscapeDataString(TableEntityJson.Quote(rowKey))})";

    private HttpRequestMessage Request(HttpMethod method, string path, string? query = null)
    {
        var uri = new Uri(accountEndpoint, path + (query is null ? "" : "?" + query));
        var request = new HttpRequestMessage(method, uri);
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        request.Headers.Add("x-ms-date", date);
        request.Headers.Add("x-ms-version", "2019-02-02");
        request.Headers.Add("DataServiceVersion", "3.0;NetFx");
        request.Headers.Add("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(JsonFull));
        // SharedKeyLite for the Table service: date, newline, canonicalized resource (/account + the URI's path).
        var resource = "/" + account + uri.AbsolutePath;
        using var hmac = new HMACSHA256(Convert.FromBase64String(key));
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(date + "\n" + resource)));
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKeyLite", $"{account}:{signature}");
        return request;
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        return content;
    }

    private static async Task<Exception> Failure(HttpResponseMessage response, string what) =>
        new InvalidOperationException($"Table {what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}
