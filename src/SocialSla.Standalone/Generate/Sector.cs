namespace SocialSla.Standalone.Generate;

/// <summary>The business a synthetic brand is in; it picks the nouns of the generated texts.</summary>
internal enum Sector
{
    Airline,
    Food,
    Bank,
    Telco,
    Retail,
    Games,
    Shipping,
    Streaming,
    Travel,
    Insurance,
    Utility,
}
