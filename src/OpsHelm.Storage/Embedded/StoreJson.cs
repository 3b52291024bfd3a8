using OpsHelm.Core.Ingestion;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Records;
using OpsHelm.Core.Work;
using OpsHelm.Core.Sources;

namespace OpsHelm.Storage.Embedded;

/// <summary>How records are written to the <c>data</c> columns: camelCase, enums as strings (source-generated).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(EmailEvent))]
[JsonSerializable(typeof(Ticket))]
[JsonSerializable(typeof(WorkTask))]
[JsonSerializable(typeof(Commitment))]
[JsonSerializable(typeof(ExceptionRecord))]
[JsonSerializable(typeof(ProcessingState))]
[JsonSerializable(typeof(IngestionRun))]
[JsonSerializable(typeof(SourceHealth))]
[JsonSerializable(typeof(SourceIncident))]
[JsonSerializable(typeof(ProviderSubscription))]
[JsonSerializable(typeof(PushNotice))]
[JsonSerializable(typeof(InboundMessage))]
[JsonSerializable(typeof(WorkItem))]
[JsonSerializable(typeof(ItemSummary))]
[JsonSerializable(typeof(MeetingDismissal))]
internal sealed partial class StoreJson : JsonSerializerContext;
