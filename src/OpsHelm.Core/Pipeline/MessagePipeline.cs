using OpsHelm.Core.Messages;
using OpsHelm.Core.Text;
using OpsHelm.Core.Tickets;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Pipeline;

/// <summary>Steps 4–7 for one message: classify, extract, normalize, record exceptions. Pure: it reads nothing and writes nothing.</summary>
public sealed class MessagePipeline(PipelineOptions options, TimeProvider time)
{
    private readonly TextPreparer _text = new(options.MaxBodyChars);
    private readonly NormalizeStep _normalize = new(options);
    private readonly AttachmentPolicy _attachments = new(options);

    /// <summary>The pipeline's options.</summary>
    public PipelineOptions Options => options;

    /// <summary>Thread keys under which to look up <paramref name="message"/>'s ticket before processing it.</summary>
    public IReadOnlyList<string> ThreadKeysOf(InboundMessage message) => ThreadKeys.Of(message, options.MaxBodyChars);

    /// <summary>
    /// Processes <paramref name="message"/>; <paramref name="thread"/> is the ticket its thread already belongs to, if any, and
    /// <paramref name="threadKeys"/> its <see cref="ThreadKeysOf"/> when the caller looked the thread up by them.
    /// </summary>
    public MessageOutcome Process(InboundMessage message, WorkspaceProfile profile, ThreadTicket? thread, string runId, IReadOnlyList<string>? threadKeys = null)
    {
        var text = _text.Prepare(message);
        var classification = ClassifyStep.Classify(message, text, profile, thread);
        var extraction = ExtractTicketFieldsStep.Extract(message, text, profile, classification);
        var (emailEvent, observation, tasks, commitments) = _normalize.Normalize(message, text, profile, classification, extraction, runId);

        var accepted = new List<InboundAttachment>();
        var rejected = new List<string>();
        foreach (var attachment in message.Attachments)
        {
            if (_attachments.Reject(attachment) is { } reason)
            {
                rejected.Add(reason);
            }
            else
            {
                accepted.Add(attachment);
            }
        }
        var exceptions = RecordExceptionsStep.Collect(emailEvent, profile, classification, rejected, time.GetUtcNow());
        return new MessageOutcome
        {
            Event = emailEvent,
            Classification = classification,
            Extraction = extraction,
            Ticket = observation,
            ThreadKeys = observation is null ? [] : threadKeys ?? ThreadKeysOf(message),
            Tasks = tasks,
            Commitments = commitments,
            Exceptions = exceptions,
            Attachments = accepted,
        };
    }
}
