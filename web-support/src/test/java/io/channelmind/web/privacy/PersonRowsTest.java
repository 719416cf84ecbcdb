package io.channelmind.web.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PersonRowsTest {

    @Test
    void referencingTablesComeFirst() {
        List<PersonFilter> filters = List.of(filter("campaign"), filter("send"), filter("send_event"));
        Map<String, Set<String>> referenced = Map.of("send", Set.of("campaign"), "send_event", Set.of("send"));

        List<PersonFilter> ordered = PersonRows.referencingFirst(filters, referenced);

        assertEquals(List.of("send_event", "send", "campaign"), ordered.stream().map(PersonFilter::table).toList());
    }

    @Test
    void cycleKeepsCatalogueOrder() {
        List<PersonFilter> filters = List.of(filter("a"), filter("b"), filter("c"));
        Map<String, Set<String>> referenced = Map.of("a", Set.of("b"), "b", Set.of("a"), "c", Set.of("a"));

        List<PersonFilter> ordered = PersonRows.referencingFirst(filters, referenced);

        assertEquals(List.of("c", "a", "b"), ordered.stream().map(PersonFilter::table).toList());
    }

    @Test
    void selfReferenceIsIgnored() {
        List<PersonFilter> filters = List.of(filter("node"), filter("leaf"));
        Map<String, Set<String>> referenced = Map.of("node", Set.of("node"), "leaf", Set.of("node"));

        List<PersonFilter> ordered = PersonRows.referencingFirst(filters, referenced);

        assertEquals(List.of("leaf", "node"), ordered.stream().map(PersonFilter::table).toList());
    }

    private static PersonFilter filter(String table) {
        return PersonFilter.byProfileKey(table, "t.profile_key = any($1)");
    }
}
