using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Storage;
using SocialSla.Core.Storage.Tables;
using SocialSla.Core.Triage;
using SocialSla.Functions.Adapters;
using SocialSla.Functions.Orchestrations;

namespace SocialSla.Functions.Triggers;

/// <summary><c>GET /api/cases</c>, <c>GET /api/cases/{id}</c> and <c>POST /api/cases/{id}/resolve</c>, as the Standalone
/// server answers them, over the live cases in the pipeline table. Case ids contain <c>:</c> and may contain <c>#</c>
/// or <c>/</c>: send a <c>#</c> as <c>%23</c> and a <c>/</c> as it is (routing does not decode <c>%2F</c>).</summary>
/// <remarks>
/// <para>Function keys (<see cref="AuthorizationLevel.Function"/>); with App Service authentication (Entra ID) turned on
/// for the app, callers also need a token, and the resolving user's name comes from the
/// <c>X-MS-CLIENT-PRINCIPAL-NAME</c> header App Service adds (README: read APIs).</para>
/// <para>Differences from the Standalone: the Functions app keeps live cases only (open, resolved within the reopen
/// window, not yet opened); a case that closed for good is gone from the table, and messages are not stored, so the
/// detail has no message list, and its <c>alerts</c> are the fired alerts' ids (<c>GET /api/alerts</c> has the rest). The
/// list and the summary and clock fields are written by the same Core writers as the Standalone's
/// (<see cref="CaseSummaryJson"/>).</para>
/// </remarks>
public sealed class CaseApi(AppSettings settings, PipelineTable pipeline, EffectsRunner effects)
{
    private const int MaxList = 1000;

    /// <summary>One function for both GET routes: the Functions host orders routes by function name, not by how
    /// specific they are, and <c>cases/{*id}</c> also matches <c>/api/cases</c> (an empty catch-all), so a separate list
    /// function could be shadowed.</summary>
    [Function("Cases")]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "cases/{*id}")] HttpRequest request, string? id) =>
        string.IsNullOrEmpty(id) ? ListAsync(request) : DetailAsync(request, id);

    private async Task<IActionResult> ListAsync(HttpRequest request)
    {
        var now = Now();
        var cases = new List<CaseState>();
        await foreach (var entity in pipeline.Port.QueryAsync(PipelineTableEntity.CaseRowsFilter(), request.HttpContext.RequestAborted))
            cases.Add(PipelineTableEntity.ToCase(entity.Properties, settings.Policy));
        var limit = CaseBoardOrder.Limit(int.TryParse(request.Query["limit"].FirstOrDefault(), out var asked) ? asked : null, MaxList);
        var top = CaseBoardOrder.Top(cases, request.Query["account"].FirstOrDefault(), settings.Policy, now, limit);
        var triage = ExcerptTriage.For(settings.Triage);
        return Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("now", Format(now));
            json.WriteStartArray("cases");
            foreach (var (state, _) in top)
            {
                json.WriteStartObject();
                CaseSummaryJson.WriteFields(json, CaseSummary.Of(state, settings.Policy, now, ExcerptTriage.Assess(state, triage)), now);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private async Task<IActionResult> DetailAsync(HttpRequest request, string id)
    {
        if (!CaseId.TryParse(id, out var caseId)) return Error(404, $"no case '{id}'");
        var state = await ReadAsync(caseId, request.HttpContext.RequestAborted);
        if (state is null) return Error(404, $"no case '{id}'");
        var now = Now();
        var summary = CaseSummary.Of(state, settings.Policy, now, ExcerptTriage.Assess(state, ExcerptTriage.For(settings.Triage)));
        var clocks = CaseSummary.ClocksAt(state, settings.Policy, now);
        return Json(json =>
        {
            json.WriteStartObject();
            CaseSummaryJson.WriteFields(json, summary, now);
            json.WriteStartArray("clocks");
            foreach (var clock in clocks) CaseSummaryJson.WriteClock(json, clock);
            json.WriteEndArray();
            // Messages are not stored here (see the remarks); the alerts are named by id.
            json.WriteStartArray("alerts");
            foreach (var key in state.Fired) json.WriteStringValue(new AlertId(state.Id, key).ToString());
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    [Function("ResolveCase")]
    public async Task<IActionResult> Resolve(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cases/{*path}")] HttpRequest request, string path,
        [DurableClient] DurableTaskClient client)
    {
        const string suffix = "/resolve";
        if (!path.EndsWith(suffix, StringComparison.Ordinal)) return Error(404, "no such route (POST /api/cases/{id}/resolve)");
        var id = path[..^suffix.Length];
        if (!CaseId.TryParse(id, out var caseId)) return Error(404, $"no case '{id}'");
        var platform = PipelineTableEntity.PlatformOf(caseId);
        var now = Now();
        // Not the request's token: once the resolve commits, its effects must run even if the caller goes away (what
        // still fails is left in the outbox for OutboxSweep).
        var cancellationToken = CancellationToken.None;
        var runKey = $"resolve|{caseId.Value}|{InstantNanos.ToNanos(now)}";
        var (found, _) = await PipelineTableStore.RunAsync(pipeline.Port, platform, settings.Policy, runKey, state =>
        {
            var commands = new MentionPipeline(settings.Policy, state).Apply(caseId, CaseEvent.Resolve(now), now);
            return new PipelineStep<bool>(commands is not null, commands ?? []);
        }, cancellationToken: cancellationToken);
        await effects.DrainAsync(pipeline, platform, runKey, update => CaseOrchestrator.SignalAsync(client, update, cancellationToken), cancellationToken);
        return found
            ? new JsonResult(new { @case = id, resolvedBy = Caller(request) })
            : Error(404, $"no open case '{id}'");
    }

    /// <summary>The App Service authentication principal, or "function key" when the call came with a key only.</summary>
    internal static string Caller(HttpRequest request) =>
        request.Headers.TryGetValue("X-MS-CLIENT-PRINCIPAL-NAME", out var name) && name.Count > 0 ? name.ToString() : "function key";

    internal static IActionResult Error(int status, string reason) => new ObjectResult(new { error = reason }) { StatusCode = status };

    private async Task<CaseState?> ReadAsync(CaseId id, CancellationToken cancellationToken)
    {
        var state = new StagedPipelineState(PipelineTableEntity.PlatformOf(id), settings.Policy);
        var row = PipelineTableEntity.CaseRow(id);
        state.Load(row, await pipeline.Port.GetAsync(state.PartitionKey, row, cancellationToken));
        return state.GetCase(id);
    }

    /// <summary>A JSON answer written with <paramref name="write"/> (the shapes the Standalone server writes).</summary>
    private static ContentResult Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        return new ContentResult { Content = Encoding.UTF8.GetString(buffer.WrittenSpan), ContentType = "application/json; charset=utf-8", StatusCode = 200 };
    }

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    private static Instant Now() => Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);
}
