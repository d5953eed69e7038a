package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void quotedValuesAreWithheldAndTheRestKept() {
        assertThat(PersonalData.scrub("Unrecognized token 'Riley': was expecting (JSON String, Number)"))
                .isEqualTo("Unrecognized token (value withheld): was expecting (JSON String, Number)");
        assertThat(PersonalData.scrub("Too many entries: expected at most 3 (value #3 (8 chars) \"9 Dock Rd\")"))
                .isEqualTo("Too many entries: expected at most 3 (value #3 (8 chars) (value withheld))");
    }

    @Test
    void theParsersOwnWordsStayButAQuotedValueBesideThemGoes() {
        assertThat(PersonalData.scrub("Unrecognized token 'Riley': was expecting (JSON String, Number, Array, Object or"
                        + " token 'null', 'true' or 'false')"))
                .isEqualTo("Unrecognized token (value withheld): was expecting (JSON String, Number, Array, Object or"
                        + " token 'null', 'true' or 'false')");
        assertThat(PersonalData.scrub("value \"nullish\" or \"true\"")).isEqualTo("value (value withheld) or \"true\"");
    }

    @Test
    void emailsAreMaskedToTheirFirstLettersAndTopLevelDomain() {
        assertThat(PersonalData.scrub("no such mailbox riley.chen@acme.example at line 3"))
                .isEqualTo("no such mailbox r***@a***.example at line 3");
    }

    @Test
    void nothingToScrubStaysAsItIs() {
        assertThat(PersonalData.scrub("malformed CSV after row 4: unexpected end"))
                .isEqualTo("malformed CSV after row 4: unexpected end");
        assertThat(PersonalData.scrub(null)).isNull();
    }
}
