using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SocialSla.Standalone.Tests.Support;

/// <summary>Keeps every log entry of every category as one line: level, category, the formatted message, each
/// structured value (also those the message does not show), scopes and the exception, so a test can search all of it.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values) line.Append($" {key}={value}");
            }
            provider._scopes.ForEachScope((scope, builder) => builder.Append($" scope={scope}"), line);
            if (exception is not null) line.Append(' ').Append(exception);
            provider.Lines.Enqueue(line.ToString());
        }
    }
}
