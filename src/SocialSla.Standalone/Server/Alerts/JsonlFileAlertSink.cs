namespace SocialSla.Standalone.Server.Alerts;

/// <summary>Appends each alert as one JSON line to a file, flushed to disk before the delivery counts.</summary>
internal sealed class JsonlFileAlertSink(string name, string path) : IAlertSink
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Name => name;

    public async Task<DeliveryResult> DeliverAsync(string alertId, ReadOnlyMemory<byte> alertJson, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.Asynchronous);
            // A crash in the middle of a line leaves it without its line break: start on a fresh line, so the
            // redelivered alert is readable (the torn line is skipped by readers as malformed).
            if (file.Length > 0)
            {
                file.Seek(-1, SeekOrigin.End);
                var last = file.ReadByte();
                if (last != '\n') file.WriteByte((byte)'\n');
            }
            file.Seek(0, SeekOrigin.End);
            await file.WriteAsync(alertJson, cancellationToken).ConfigureAwait(false);
            file.WriteByte((byte)'\n');
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
            return DeliveryResult.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DeliveryResult(false, $"cannot append to {path}: {e.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }
}
