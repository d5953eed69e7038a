package dev.orderhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginalMessageTest {

    @Test
    void jsonIsIndented() {
        assertThat(OriginalMessage.pretty("{\"a\":{\"b\":1}}")).contains("\n").contains("\"b\" : 1");
    }

    @Test
    void xmlIsIndented() {
        assertThat(OriginalMessage.pretty("<a><b>1</b></a>")).contains("\n  <b>1</b>");
    }

    @Test
    void x12HasOneSegmentALine() {
        String isa =
                "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260101*1200*^*00501*000000001*0*T*:~";
        String pretty = OriginalMessage.pretty(isa + "GS*PO*S*R*20260101*1200*1*X*005010~ST*850*0001~");
        assertThat(pretty.lines()).containsExactly(isa, "GS*PO*S*R*20260101*1200*1*X*005010~", "ST*850*0001~");
    }

    @Test
    void anythingElseStaysAsItIs() {
        assertThat(OriginalMessage.pretty("id;sku\n1;A")).isEqualTo("id;sku\n1;A");
    }
}
