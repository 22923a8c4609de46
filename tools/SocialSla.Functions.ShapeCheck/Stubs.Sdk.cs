// Hand-written shapes (tools/SocialSla.Functions.ShapeCheck) of Azure.Data.Tables 12.11, Azure.Messaging.ServiceBus 7.21 and Azure.AI.TextAnalytics 5.3, copied
// from the api/*.net10.0.cs listings named in functions/README.md. Compile-only.
#pragma warning disable CS1591
namespace Azure.Data.Tables
{
    public interface ITableEntity { ETag ETag { get; set; } string PartitionKey { get; set; } string RowKey { get; set; } DateTimeOffset? Timestamp { get; set; } }
    public sealed class TableEntity : ITableEntity, IDictionary<string, object>
    {
        public TableEntity() { }
        public TableEntity(string partitionKey, string rowKey) { }
        public ETag ETag { get; set; }
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public object this[string key] { get => throw null!; set { } }
        public ICollection<string> Keys => throw null!;
        ICollection<object> IDictionary<string, object>.Values => throw null!;
        public int Count => throw null!;
        bool ICollection<KeyValuePair<string, object>>.IsReadOnly => throw null!;
        public void Add(string key, object value) { }
        void ICollection<KeyValuePair<string, object>>.Add(KeyValuePair<string, object> item) { }
        public void Clear() { }
        bool ICollection<KeyValuePair<string, object>>.Contains(KeyValuePair<string, object> item) => throw null!;
        public bool ContainsKey(string key) => throw null!;
        void ICollection<KeyValuePair<string, object>>.CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) { }
        IEnumerator<KeyValuePair<string, object>> IEnumerable<KeyValuePair<string, object>>.GetEnumerator() => throw null!;
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => throw null!;
        public bool Remove(string key) => throw null!;
        bool ICollection<KeyValuePair<string, object>>.Remove(KeyValuePair<string, object> item) => throw null!;
        public bool TryGetValue(string key, out object value) => throw null!;
    }
    public enum TableUpdateMode { Merge = 0, Replace = 1 }
    public enum TableTransactionActionType { Add = 0, UpdateMerge = 1, UpdateReplace = 2, Delete = 3, UpsertMerge = 4, UpsertReplace = 5 }
    public partial class TableTransactionAction
    {
        public TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity) { }
        public TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity, ETag etag = default) { }
    }
    public partial class TableTransactionFailedException : RequestFailedException
    {
        public TableTransactionFailedException(RequestFailedException requestFailedException) : base("") { }
        public int? FailedTransactionActionIndex => throw null!;
    }
    public class TableClientOptions { }
    public class TableClient
    {
        public virtual Task<Response<Models.TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default) where T : ITableEntity => throw null!;
        public virtual Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) where T : ITableEntity => throw null!;
        public virtual Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) where T : class, ITableEntity => throw null!;
        public virtual AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) where T : class, ITableEntity => throw null!;
        public virtual AsyncPageable<T> QueryAsync<T>(System.Linq.Expressions.Expression<Func<T, bool>> filter, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) where T : class, ITableEntity => throw null!;
        public virtual Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default) => throw null!;
    }
    public class TableServiceClient
    {
        public TableServiceClient(string connectionString) { }
        public TableServiceClient(string connectionString, TableClientOptions? options = null) { }
        public TableServiceClient(Uri endpoint, Azure.Core.TokenCredential tokenCredential, TableClientOptions? options = null) { }
        public TableServiceClient(Uri endpoint, TableClientOptions? options = null) { }
        public virtual TableClient GetTableClient(string tableName) => throw null!;
    }
}
namespace Azure.Data.Tables.Models { public class TableItem { } }
namespace Azure.Messaging.ServiceBus
{
    public class ServiceBusClientOptions { }
    public class ServiceBusClient : IAsyncDisposable
    {
        public ServiceBusClient(string connectionString) { }
        public ServiceBusClient(string fullyQualifiedNamespace, Azure.Core.TokenCredential credential) { }
        public ServiceBusClient(string fullyQualifiedNamespace, Azure.Core.TokenCredential credential, ServiceBusClientOptions options) { }
        public virtual ServiceBusSender CreateSender(string queueOrTopicName) => throw null!;
        public ValueTask DisposeAsync() => throw null!;
    }
    public class ServiceBusSender : IAsyncDisposable
    {
        public virtual Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task SendMessagesAsync(IEnumerable<ServiceBusMessage> messages, CancellationToken cancellationToken = default) => throw null!;
        public virtual ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CancellationToken cancellationToken = default) => throw null!;
        public virtual Task SendMessagesAsync(ServiceBusMessageBatch messageBatch, CancellationToken cancellationToken = default) => throw null!;
        public virtual ValueTask DisposeAsync() => throw null!;
    }
    public sealed class ServiceBusMessageBatch : IDisposable
    {
        internal ServiceBusMessageBatch() { }
        public int Count => throw null!;
        public long MaxSizeInBytes => throw null!;
        public long SizeInBytes => throw null!;
        public void Dispose() { }
        public bool TryAddMessage(ServiceBusMessage message) => throw null!;
    }
    public class ServiceBusMessage
    {
        public ServiceBusMessage() { }
        public ServiceBusMessage(string body) { }
        public ServiceBusMessage(BinaryData body) { }
        public ServiceBusMessage(ReadOnlyMemory<byte> body) { }
        public ServiceBusMessage(ServiceBusReceivedMessage receivedMessage) { }
        public string MessageId { get; set; } = "";
        public string Subject { get; set; } = "";
        public string ContentType { get; set; } = "";
        public IDictionary<string, object> ApplicationProperties => throw null!;
    }
    public class ServiceBusReceivedMessage
    {
        internal ServiceBusReceivedMessage() { }
        public IReadOnlyDictionary<string, object> ApplicationProperties => throw null!;
        public BinaryData Body => throw null!;
        public int DeliveryCount => throw null!;
        public DateTimeOffset EnqueuedTime => throw null!;
        public string MessageId => throw null!;
        public string Subject => throw null!;
    }
    public class ServiceBusException : Exception { public bool IsTransient => throw null!; }
}
namespace Azure.AI.TextAnalytics
{
    public class TextAnalyticsClientOptions { }
    public class TextAnalyticsRequestOptions { public bool IncludeStatistics { get; set; } public string? ModelVersion { get; set; } public bool? DisableServiceLogs { get; set; } }
    public class AnalyzeSentimentOptions : TextAnalyticsRequestOptions { public bool? IncludeOpinionMining { get; set; } }
    public class TextAnalyticsInput { internal TextAnalyticsInput() { } public string Id => throw null!; public string Text => throw null!; }
    public class TextDocumentInput : TextAnalyticsInput { public TextDocumentInput(string id, string text) { } public string? Language { get; set; } }
    public readonly struct TextAnalyticsErrorCode { public override string ToString() => throw null!; }
    public readonly struct TextAnalyticsError { public TextAnalyticsErrorCode ErrorCode => throw null!; public string Message => throw null!; public string Target => throw null!; }
    public class TextAnalyticsResult { internal TextAnalyticsResult() { } public TextAnalyticsError Error => throw null!; public bool HasError => throw null!; public string Id => throw null!; }
    public enum TextSentiment { Positive = 0, Neutral = 1, Negative = 2, Mixed = 3 }
    public class SentimentConfidenceScores { internal SentimentConfidenceScores() { } public double Negative => throw null!; public double Neutral => throw null!; public double Positive => throw null!; }
    public class DocumentSentiment { internal DocumentSentiment() { } public SentimentConfidenceScores ConfidenceScores => throw null!; public TextSentiment Sentiment => throw null!; }
    public class AnalyzeSentimentResult : TextAnalyticsResult { internal AnalyzeSentimentResult() { } public DocumentSentiment DocumentSentiment => throw null!; }
    public class AnalyzeSentimentResultCollection : System.Collections.ObjectModel.ReadOnlyCollection<AnalyzeSentimentResult>
    {
        internal AnalyzeSentimentResultCollection() : base(new List<AnalyzeSentimentResult>()) { }
        public string ModelVersion => throw null!;
    }
    public class TextAnalyticsClient
    {
        public TextAnalyticsClient(Uri endpoint, AzureKeyCredential credential) { }
        public TextAnalyticsClient(Uri endpoint, Azure.Core.TokenCredential credential) { }
        public TextAnalyticsClient(Uri endpoint, Azure.Core.TokenCredential credential, TextAnalyticsClientOptions options) { }
        public virtual Task<Response<AnalyzeSentimentResultCollection>> AnalyzeSentimentBatchAsync(IEnumerable<TextDocumentInput> documents, AnalyzeSentimentOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<Response<AnalyzeSentimentResultCollection>> AnalyzeSentimentBatchAsync(IEnumerable<TextDocumentInput> documents, TextAnalyticsRequestOptions options, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<Response<AnalyzeSentimentResultCollection>> AnalyzeSentimentBatchAsync(IEnumerable<string> documents, string? language = null, AnalyzeSentimentOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<Response<AnalyzeSentimentResultCollection>> AnalyzeSentimentBatchAsync(IEnumerable<string> documents, string language, TextAnalyticsRequestOptions options, CancellationToken cancellationToken = default) => throw null!;
    }
}
