package io.channelmind.web.limits;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on every JSON document that a service parses with the object mapper that Quarkus
 * injects, REST request bodies included ({@code channelmind.json.*}). Safe at static init,
 * because some extensions create the object mapper before the runtime configuration is ready.
 */
@StaticInitSafe
@ConfigMapping(prefix = "channelmind.json")
public interface JsonLimitsConfig {

    String PREFIX = "channelmind.json.";

    /** Maximum depth of nested objects and arrays; Jackson's own default is 1000. */
    @WithDefault("64")
    int maxNestingDepth();

    /** Maximum length of one string value, in characters; Jackson's own default is 20,000,000. */
    @WithDefault("262144")
    int maxStringLength();

    /** Maximum length of one property name, in characters; Jackson's own default is 50,000. */
    @WithDefault("1024")
    int maxNameLength();

    /** Maximum number of characters of one number; Jackson's own default is 1000. */
    @WithDefault("100")
    int maxNumberLength();
}
