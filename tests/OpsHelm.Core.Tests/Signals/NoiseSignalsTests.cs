using OpsHelm.Core.Messages;
using OpsHelm.Core.Signals;
using TestMessages = OpsHelm.Core.Tests.Pipeline.Messages;

namespace OpsHelm.Core.Tests.Signals;

public sealed class NoiseSignalsTests
{
    private static InboundMessage Bounce(Participant? originalFrom) =>
        TestMessages.Received("postmaster@mx.quarrylane.com", "Re: INC0012345 scanners", "could not be delivered") with
        {
            DeliveryReport = new DeliveryReport
            {
                OriginalMessageId = "<ours@harborlightit.com>",
                OriginalFrom = originalFrom,
                Recipients = [new DeliveryRecipient("r.okafor@quarrylane.com", "failed", "5.1.1", "550 5.1.1 User unknown")],
            },
        };

    [Fact]
    public void A_bounce_of_our_own_mail_is_decisive_noise_naming_the_recipient_the_status_and_our_message()
    {
        var signal = NoiseSignals.Decisive(Bounce(new Participant(TestMessages.Mailbox)), TestMessages.Profile);

        signal.ShouldNotBeNull();
        signal.Evidence.ShouldBe("delivery status report: r.okafor@quarrylane.com failed (status 5.1.1); bounce of our message <ours@harborlightit.com>");
    }

    [Fact]
    public void A_bounce_of_someone_elses_mail_names_the_returned_message_without_claiming_it()
    {
        var signal = NoiseSignals.Decisive(Bounce(new Participant("someone@elsewhere.example")), TestMessages.Profile);

        signal.ShouldNotBeNull();
        signal.Evidence.ShouldEndWith("; returned message <ours@harborlightit.com>");
    }
}
