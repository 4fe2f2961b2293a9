package io.github.mackereltracing.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ~ ", nullValues = "-", value = {
    // url ~ system ~ namespace ~ address ~ port
    "jdbc:postgresql://db.example.com:6543/shop?user=app&password=secret ~ postgresql ~ shop ~ db.example.com ~ 6543",
    "jdbc:postgresql://db.example.com/shop ~ postgresql ~ shop ~ db.example.com ~ -",
    "jdbc:postgresql://h1:5433,h2:5434/shop?currentSchema=sales,public ~ postgresql ~ shop|sales ~ h1 ~ 5433",
    "jdbc:postgresql://[::1]:5432/shop ~ postgresql ~ shop ~ ::1 ~ 5432",
    "jdbc:postgresql:shop ~ postgresql ~ shop ~ - ~ -",
    "jdbc:p6spy:postgresql://db:5432/shop ~ postgresql ~ shop ~ db ~ 5432",
    "jdbc:mysql://app:secret@mysql.local:3307/orders?useSSL=false ~ mysql ~ orders ~ mysql.local ~ 3307",
    "jdbc:mysql:loadbalance://m1:3306,m2:3306/orders ~ mysql ~ orders ~ m1 ~ 3306",
    "jdbc:mariadb://maria:3306/orders ~ mariadb ~ orders ~ maria ~ 3306",
    "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1 ~ h2database ~ test ~ - ~ -",
    "jdbc:h2:mem: ~ h2database ~ - ~ - ~ -",
    "jdbc:h2:~/data/sample ~ h2database ~ sample ~ - ~ -",
    "jdbc:h2:file:/var/lib/app/db;MODE=PostgreSQL ~ h2database ~ db ~ - ~ -",
    "jdbc:h2:tcp://h2host:9092/~/sample ~ h2database ~ sample ~ h2host ~ 9092",
    "jdbc:derby:memory:demo;create=true ~ derby ~ demo ~ - ~ -",
    "jdbc:derby://derbyhost:1527/demo;create=true ~ derby ~ demo ~ derbyhost ~ 1527",
    "jdbc:hsqldb:mem:testdb ~ hsqldb ~ testdb ~ - ~ -",
    "jdbc:hsqldb:hsql://hsqlhost:9001/testdb ~ hsqldb ~ testdb ~ hsqlhost ~ 9001",
    "jdbc:oracle:thin:@orahost:1521:ORCL ~ oracle.db ~ ORCL ~ orahost ~ 1521",
    "jdbc:oracle:thin:scott/tiger@//orahost:1522/sales.example.com ~ oracle.db ~ sales.example.com ~ orahost ~ 1522",
    "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=orahost)(PORT=1523))(CONNECT_DATA=(SERVICE_NAME=svc))) ~ oracle.db ~ svc ~ orahost ~ 1523",
    "jdbc:sqlserver://mssql\\inst:1433;databaseName=crm;user=sa;password=secret ~ microsoft.sql_server ~ crm ~ mssql ~ 1433",
    "jdbc:sqlserver://;serverName=mssql2;databaseName=crm ~ microsoft.sql_server ~ crm ~ mssql2 ~ -",
    "jdbc:db2://db2host:50000/SAMPLE:retrieveMessagesFromServerOnGetMessage=true; ~ ibm.db2 ~ SAMPLE ~ db2host ~ 50000",
    "jdbc:sqlite:/data/app.db ~ sqlite ~ app.db ~ - ~ -",
    "jdbc:unknown://somehost:1234/things ~ other_sql ~ things ~ somehost ~ 1234",
  })
  void readsTheUrl(String url, String system, String namespace, String address, Integer port) {
    DbInfo info = JdbcUrl.parse(url, null);
    assertThat(info.systemName).isEqualTo(system);
    assertThat(info.namespace).isEqualTo(namespace);
    assertThat(info.serverAddress).isEqualTo(address);
    assertThat(info.serverPort).isEqualTo(port == null ? -1 : port);
    assertThat(info.attributes.asMap().values()).allSatisfy(v ->
        assertThat(v.toString()).doesNotContain("secret").doesNotContain("tiger"));
  }

  /**
   * Issue 18, item 9: user-info (a user name, a password with '@', '/', '?' or ':' in it) must never reach an
   * attribute. Each URL carries the user "scott" and a password around "tiger"; what is read must be exactly the
   * host, port and database, or nothing.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ~ ", nullValues = "-", quoteCharacter = '§', value = {
    // url ~ system ~ namespace ~ address ~ port
    "jdbc:oracle:thin:scott/t@ger@orahost:1521/svc ~ oracle.db ~ svc ~ orahost ~ 1521",
    "jdbc:oracle:thin:scott/t@g@r@//orahost:1521/svc ~ oracle.db ~ svc ~ orahost ~ 1521",
    "jdbc:oracle:thin:scott/\"t@ger\"@orahost:1521:ORCL ~ oracle.db ~ ORCL ~ orahost ~ 1521",
    "jdbc:oracle:thin:@//orahost:1521/svc ~ oracle.db ~ svc ~ orahost ~ 1521",
    "jdbc:oracle:thin:scott/t@ger@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=orahost)(PORT=1523))(CONNECT_DATA=(SERVICE_NAME=svc))) ~ oracle.db ~ svc ~ orahost ~ 1523",
    "jdbc:oracle:thin:scott/tiger@TNSALIAS ~ oracle.db ~ TNSALIAS ~ - ~ -",
    "jdbc:oracle:thin:@tcps://orahost:2484/svc ~ oracle.db ~ svc ~ orahost ~ 2484",
    "jdbc:oracle:oci:scott/tiger ~ oracle.db ~ - ~ - ~ -",
    "jdbc:postgresql://scott:t@ger@pghost:5432/shop ~ postgresql ~ shop ~ pghost ~ 5432",
    "jdbc:mysql://scott:ti/ger@myhost:3306/orders ~ mysql ~ - ~ - ~ -",
    "jdbc:mysql://scott:ti?ger@myhost:3306/orders ~ mysql ~ - ~ - ~ -",
    "jdbc:mysql://scott:tiger@myhost:3306/orders?user=x@corp ~ mysql ~ orders ~ myhost ~ 3306",
    "jdbc:mysql://myhost:3306/orders?user=scott@tiger.corp ~ mysql ~ orders ~ myhost ~ 3306",
    "jdbc:mariadb://scott:tiger@mariahost/orders ~ mariadb ~ orders ~ mariahost ~ -",
    "jdbc:sqlserver://scott:tiger@mssql:1433;databaseName=crm ~ microsoft.sql_server ~ crm ~ mssql ~ 1433",
    "jdbc:db2://scott:tiger@db2host:50000/SAMPLE ~ ibm.db2 ~ SAMPLE ~ db2host ~ 50000",
    "jdbc:h2:tcp://scott:tiger@h2host:9092/~/shop ~ h2database ~ shop ~ h2host ~ 9092",
    "jdbc:unknown://scott:ti/ger@somehost/things ~ other_sql ~ - ~ - ~ -",
    "jdbc:mysql://address=(host=myhost)(port=3307)(user=scott)(password=tiger)/orders ~ mysql ~ orders ~ myhost ~ 3307",
    "jdbc:mysql://(host=myhost,port=3308,user=scott,password=tiger)/orders ~ mysql ~ orders ~ myhost ~ 3308",
    "jdbc:sqlserver://;serverName=mssql\\inst;user=scott;password=tiger ~ microsoft.sql_server ~ - ~ mssql ~ -",
  })
  void userInfoNeverReachesAnAttribute(String url, String system, String namespace, String address, Integer port) {
    DbInfo info = JdbcUrl.parse(url, null);
    assertThat(info.attributes.asMap().values()).allSatisfy(v ->
        assertThat(v.toString()).doesNotContain("scott").doesNotContain("ger").doesNotContain("t@"));
    assertThat(info.legacyAttributes.asMap().values()).allSatisfy(v ->
        assertThat(v.toString()).doesNotContain("scott").doesNotContain("ger"));
    assertThat(info.systemName).isEqualTo(system);
    assertThat(info.namespace).isEqualTo(namespace);
    assertThat(info.serverAddress).isEqualTo(address);
    assertThat(info.serverPort).isEqualTo(port == null ? -1 : port);
  }

  @Test
  void productNameTellsWhatTheUrlDoesNot() {
    assertThat(JdbcUrl.parse("jdbc:acme:whatever", "PostgreSQL").systemName).isEqualTo("postgresql");
    assertThat(JdbcUrl.parse(null, "Microsoft SQL Server").systemName).isEqualTo("microsoft.sql_server");
    assertThat(JdbcUrl.parse(null, "DB2/LINUXX8664").systemName).isEqualTo("ibm.db2");
    assertThat(JdbcUrl.parse(null, null).systemName).isEqualTo("other_sql");
    assertThat(JdbcUrl.parse("not a url at all", "Acme DB").systemName).isEqualTo("other_sql");
  }

  @Test
  void attributesAndLegacyAttributes() {
    DbInfo info = JdbcUrl.parse("jdbc:h2:tcp://localhost:9092/~/shop", null);
    assertThat(info.attributes.get(AttributeKey.stringKey("db.system.name"))).isEqualTo("h2database");
    assertThat(info.attributes.get(AttributeKey.longKey("server.port"))).isEqualTo(9092L);
    assertThat(info.attributes.get(AttributeKey.stringKey("db.system"))).isNull();
    assertThat(info.legacyAttributes.get(AttributeKey.stringKey("db.system"))).isEqualTo("h2");
    assertThat(info.legacyAttributes.get(AttributeKey.stringKey("db.name"))).isEqualTo("shop");
    assertThat(JdbcUrl.parse("jdbc:sqlserver://h;databaseName=x", null).legacyAttributes
        .get(AttributeKey.stringKey("db.system"))).isEqualTo("mssql");
  }

  @Test
  void statusCodeIsTheMostSpecificCode() {
    SQLException e = new SQLException("boom", "42000", 1071);
    assertThat(JdbcUrl.parse("jdbc:mysql://h/db", null).statusCode(e)).isEqualTo("1071");
    assertThat(JdbcUrl.parse("jdbc:postgresql://h/db", null).statusCode(e)).isEqualTo("42000");
    assertThat(JdbcUrl.parse("jdbc:oracle:thin:@h:1521:X", null).statusCode(new SQLException("x", "42000", 942)))
        .isEqualTo("ORA-00942");
    assertThat(JdbcUrl.parse("jdbc:postgresql://h/db", null).statusCode(new SQLException("x"))).isNull();
  }
}
