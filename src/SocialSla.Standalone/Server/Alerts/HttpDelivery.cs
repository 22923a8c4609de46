using System.Net;

namespace SocialSla.Standalone.Server.Alerts;

/// <summary>How an HTTP receiver's answer counts: 2xx delivered; 408, 429 and 5xx retried (after <c>Retry-After</c>
/// when given); other 4xx permanent (the same request will never be accepted).</summary>
internal static class HttpDelivery
{
    public static DeliveryResult ResultOf(HttpResponseMessage response, TimeProvider time)
    {
        if (response.IsSuccessStatusCode) return DeliveryResult.Success;
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        var permanent = status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
        return new DeliveryResult(false, $"{response.RequestMessage?.RequestUri?.Host} answered {status}", retryAfter, permanent);
    }
}
