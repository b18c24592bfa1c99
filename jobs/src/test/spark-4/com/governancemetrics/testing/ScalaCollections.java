package com.governancemetrics.testing;

import java.util.List;
import scala.jdk.javaapi.CollectionConverters;

/** Scala collections as Java ones in tests, Scala 2.13 (Spark 4); src/test/spark-3.5 has the 2.12 one. */
public final class ScalaCollections {

  private ScalaCollections() {}

  public static <T> List<T> asJava(scala.collection.Seq<T> seq) {
    return CollectionConverters.asJava(seq);
  }
}
