package io.github.mackereltracing.internal.jpa;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/** A persistence unit as a server describes it to the provider: a container DataSource, the entity listed. */
final class TestUnit implements PersistenceUnitInfo {
  private final String name;
  private final String provider;
  private final DataSource dataSource;
  private final Properties properties = new Properties();

  TestUnit(String name, String provider, DataSource dataSource) {
    this.name = name;
    this.provider = provider;
    this.dataSource = dataSource;
  }

  TestUnit property(String key, String value) {
    properties.setProperty(key, value);
    return this;
  }

  @Override public String getPersistenceUnitName() { return name; }
  @Override public String getPersistenceProviderClassName() { return provider; }
  @Override public PersistenceUnitTransactionType getTransactionType() { return PersistenceUnitTransactionType.RESOURCE_LOCAL; }
  @Override public DataSource getJtaDataSource() { return null; }
  @Override public DataSource getNonJtaDataSource() { return dataSource; }
  @Override public List<String> getMappingFileNames() { return List.of(); }
  @Override public List<URL> getJarFileUrls() { return List.of(); }

  @Override
  public URL getPersistenceUnitRootUrl() {
    try {
      return Paths.get("target/test-classes").toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override public List<String> getManagedClassNames() { return List.of(Book.class.getName()); }
  @Override public boolean excludeUnlistedClasses() { return true; }
  @Override public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.NONE; }
  @Override public ValidationMode getValidationMode() { return ValidationMode.NONE; }
  @Override public Properties getProperties() { return properties; }
  @Override public String getPersistenceXMLSchemaVersion() { return "3.0"; }
  @Override public ClassLoader getClassLoader() { return TestUnit.class.getClassLoader(); }
  @Override public void addTransformer(ClassTransformer transformer) {}
  @Override public ClassLoader getNewTempClassLoader() { return TestUnit.class.getClassLoader(); }
}
