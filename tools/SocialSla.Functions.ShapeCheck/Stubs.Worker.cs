// Hand-written shapes (tools/SocialSla.Functions.ShapeCheck) of the Azure Functions worker and Durable Task APIs the app uses, copied from the sources named
// in functions/README.md. Compile-only: every body throws.
#pragma warning disable CS1591
namespace Microsoft.Azure.Functions.Worker
{
    using Microsoft.Extensions.DependencyInjection;
    [AttributeUsage(AttributeTargets.Method)] public class FunctionAttribute(string name) : Attribute { public string Name { get; } = name; }
    public enum AuthorizationLevel { Anonymous = 0, User = 1, Function = 2, System = 3, Admin = 4 }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class HttpTriggerAttribute : Attribute
    {
        public HttpTriggerAttribute() { }
        public HttpTriggerAttribute(params string[] methods) { }
        public HttpTriggerAttribute(AuthorizationLevel authLevel) { }
        public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods) { }
        public string? Route { get; set; }
    }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class TimerTriggerAttribute(string schedule) : Attribute
    {
        public string Schedule { get; private set; } = schedule; public bool UseMonitor { get; set; } public bool RunOnStartup { get; set; }
    }
    public class TimerInfo { public bool IsPastDue { get; set; } }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class ServiceBusTriggerAttribute : Attribute
    {
        public ServiceBusTriggerAttribute(string queueName) { }
        public ServiceBusTriggerAttribute(string topicName, string subscriptionName) { }
        public string? Connection { get; set; }
        public bool IsSessionsEnabled { get; set; }
        public bool IsBatched { get; set; }
    }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class OrchestrationTriggerAttribute : Attribute { public string? Orchestration { get; set; } }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class ActivityTriggerAttribute : Attribute { public string? Activity { get; set; } }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class DurableClientAttribute : Attribute { public string? TaskHub { get; set; } public string? ConnectionName { get; set; } }
    public static class FunctionsApplicationInsightsExtensions
    {
        public static IServiceCollection ConfigureFunctionsApplicationInsights(this IServiceCollection services) => throw null!;
    }
}
namespace Microsoft.Azure.Functions.Worker.Builder
{
    public class FunctionsApplicationBuilder
    {
        public Microsoft.Extensions.DependencyInjection.IServiceCollection Services => throw null!;
        public Microsoft.Extensions.Configuration.ConfigurationManager Configuration => throw null!;
        public Microsoft.Extensions.Hosting.IHost Build() => throw null!;
    }
    public static class FunctionsApplication { public static FunctionsApplicationBuilder CreateBuilder(string[] args) => throw null!; }
    public static class FunctionsApplicationBuilderAspNetCoreExtensions
    {
        public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder) => throw null!;
    }
}
namespace Microsoft.Extensions.DependencyInjection
{
    public static class ApplicationInsightsExtensions
    {
        public static IServiceCollection AddApplicationInsightsTelemetryWorkerService(this IServiceCollection services) => throw null!;
    }
}
namespace Microsoft.DurableTask
{
    public readonly struct TaskName
    {
        public TaskName(string name) { }
        public static implicit operator TaskName(string value) => throw null!;
        public static implicit operator string(TaskName value) => throw null!;
    }
    public class RetryPolicy
    {
        public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null) { }
    }
    public class TaskRetryOptions { public static implicit operator TaskRetryOptions(RetryPolicy policy) => throw null!; }
    public record TaskOptions
    {
        public TaskOptions(TaskRetryOptions? retry = null, IDictionary<string, string>? tags = null) { }
        public static TaskOptions FromRetryPolicy(RetryPolicy policy) => throw null!;
    }
    public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
    public abstract class TaskOrchestrationContext
    {
        public abstract string InstanceId { get; }
        public abstract DateTime CurrentUtcDateTime { get; }
        public abstract bool IsReplaying { get; }
        public abstract T? GetInput<T>();
        public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) => throw null!;
        public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);
        public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => throw null!;
        public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);
        public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);
        public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) => throw null!;
        public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);
    }
}
namespace Microsoft.DurableTask.Client
{
    using Microsoft.DurableTask;
    public class OrchestrationMetadata { public bool IsRunning => throw null!; public bool IsCompleted => throw null!; }
    public abstract class DurableTaskClient
    {
        public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);
        public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, CancellationToken cancellation) => throw null!;
        public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input, CancellationToken cancellation) => throw null!;
        public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, StartOrchestrationOptions options, CancellationToken cancellation = default) => throw null!;
        public virtual Task RaiseEventAsync(string instanceId, string eventName, CancellationToken cancellation) => throw null!;
        public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);
        public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation) => throw null!;
        public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw null!;
    }
}
