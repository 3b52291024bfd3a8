using OpsHelm.Core.Extraction;

namespace OpsHelm.Core.Tests.Extraction;

public class AskDetectorTests
{
    [Theory]
    [InlineData("Could you move the call to Thursday?", "request wording 'Could you'")]
    [InlineData("Is the new starter's laptop ready for Monday?", "question mark")]
    [InlineData("Can you let me know whether 2pm on Friday suits", "request wording 'Can you'")]
    [InlineData("Let us know when the engineer can come out.", "request wording 'Let us know when'")]
    [InlineData("Please submit the signed form before payroll closes.", "request wording 'Please submit'")]
    [InlineData("Would you mind resetting her MFA?", "request wording 'Would you'")]
    [InlineData("Kindly confirm the serial numbers.", "request wording 'Kindly confirm'")]
    [InlineData("Are you able to look at it today.", "request wording 'Are you able to'")]
    public void Requests_and_questions_are_asks_with_the_words_that_decided(string text, string evidence)
    {
        AskDetector.Detect(text).ShouldHaveSingleItem().Evidence.ShouldBe(evidence);
    }

    [Theory]
    [InlineData("Let me know if you need anything else.")]
    [InlineData("Please find attached the signed quote.")]
    [InlineData("Please do not hesitate to get in touch.")]
    [InlineData("To add a note, reply to this email above this line.")]
    [InlineData("Thanks, all sorted now.")]
    public void Courtesy_lines_and_boilerplate_are_not_asks(string text)
    {
        AskDetector.Detect(text).ShouldBeEmpty();
    }

    [Fact]
    public void A_notification_asks_only_in_its_comments()
    {
        var body = "Comments were added to the record.\nNumber: INC0099001\nState: In Progress\n\nAdditional comments (Priya Rao):\nThe printer is still offline. Could you send someone this afternoon?\n\nClick here to view the record.\nPlease do not reply to this message?";
        var ask = AskDetector.DetectInNotification(body).ShouldHaveSingleItem();
        ask.Text.ShouldBe("Could you send someone this afternoon?");
        ask.Evidence.ShouldEndWith("in the notification's comments");
    }

    [Fact]
    public void An_approval_requested_from_us_by_name_is_an_ask_and_a_group_or_informational_one_is_not()
    {
        AskDetector.DetectInNotification("Dana Cole, your approval is requested for RITM0012001.\nNumber: RITM0012001")
            .ShouldHaveSingleItem().Evidence.ShouldStartWith("approval requested from us by name");
        AskDetector.DetectInNotification("Change Request CHG0012002 requires your approval.\nNumber: CHG0012002").ShouldBeEmpty();
        AskDetector.DetectInNotification("Approval has been requested for RITM0012001. This is for information only.\nApprover: Lee Park").ShouldBeEmpty();
    }
}
