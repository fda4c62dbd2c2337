package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileSectionTest {
    private static final ProfileSection LANYARD = section("http://127.0.0.1:9000");

    private static ProfileSection section(String endpoint) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("region", "us-east-1");
        settings.put("endpoint_url", endpoint);
        return new ProfileSection("profile lanyard", settings);
    }

    @Test
    void anEmptyFileGetsTheSection() {
        assertThat(LANYARD.mergeInto("")).isEqualTo(
                "[profile lanyard]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:9000\n");
    }

    @Test
    void aFileWithoutTheSectionKeepsEveryByteAndGetsItAppended() {
        String mine = "[default]\nregion = eu-west-1\n# a comment\n[profile other]\noutput=text";
        assertThat(LANYARD.mergeInto(mine)).isEqualTo(mine + "\n\n[profile lanyard]\nregion = us-east-1\n"
                + "endpoint_url = http://127.0.0.1:9000\n");
    }

    @Test
    void onlyTheSectionsOwnSettingsChange() {
        String before = "[default]\nregion = eu-west-1\n\n[profile lanyard]\nregion = us-east-1\n"
                + "endpoint_url = http://127.0.0.1:8000\ncli_pager =\n\n# mine below\n[profile other]\n"
                + "endpoint_url = http://elsewhere\n";
        assertThat(LANYARD.mergeInto(before)).isEqualTo(before.replace("http://127.0.0.1:8000",
                "http://127.0.0.1:9000"));
    }

    @Test
    void unchangedSettingsGiveTheSameText() {
        String text = LANYARD.mergeInto("[x]\na = b\n");
        assertThat(LANYARD.mergeInto(text)).isEqualTo(text);
    }

    @Test
    void missingSettingsGoAfterTheLastSettingOfTheSection() {
        String before = "[profile   lanyard ]\r\nregion=us-east-1\r\ns3 =\r\n  addressing_style = path\r\n\r\n"
                + "[default]\r\n";
        assertThat(LANYARD.mergeInto(before)).isEqualTo("[profile   lanyard ]\r\nregion = us-east-1\r\ns3 =\r\n"
                + "  addressing_style = path\r\nendpoint_url = http://127.0.0.1:9000\r\n\r\n[default]\r\n");
    }

    @Test
    void duplicatesAndContinuationsOfOwnSettingsGo() {
        String before = "[profile lanyard]\nREGION : eu-north-1\nendpoint_url = a\n  continued\nregion = x";
        assertThat(LANYARD.mergeInto(before)).isEqualTo(
                "[profile lanyard]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:9000\n");
    }

    @Test
    void aSectionAtTheEndWithoutANewlineIsCompleted() {
        assertThat(LANYARD.mergeInto("[default]\n[profile lanyard]")).isEqualTo("[default]\n[profile lanyard]\n"
                + "region = us-east-1\nendpoint_url = http://127.0.0.1:9000\n");
    }

    @Test
    void aSimilarNameIsAnotherSection() {
        String mine = "[profile lanyard-prod]\nregion = eu-west-1\n[ profile lanyard]\n[lanyard]\n";
        assertThat(LANYARD.mergeInto(mine)).startsWith(mine).endsWith("[profile lanyard]\nregion = us-east-1\n"
                + "endpoint_url = http://127.0.0.1:9000\n");
    }
}
