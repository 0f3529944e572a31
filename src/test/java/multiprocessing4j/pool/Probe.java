package multiprocessing4j.pool;
import java.util.*;
import static multiprocessing4j.Multiprocessing.range;
public class Probe {
  public static void main(String[] a) throws Exception {
    Object[] items = new Object[12500]; for (int i=0;i<items.length;i++) items[i]=i;
    multiprocessing4j.SerializableFunction<Integer,Integer> f = x -> x + 1;
    JobFunction fn = Frames.function(f);
    for (int r=0;r<8;r++){
    long t0=System.nanoTime();
    byte[] fr = Frames.tasks(List.of(new Task(1,0,TaskKind.MAP,fn,items)));
    long t1=System.nanoTime();
    var in = Frames.reader(fr); in.getInt(); in.getLong(); in.getInt(); in.getByte(); in.getBytes(); Object[] back=(Object[])in.getValue();
    long t2=System.nanoTime();
    byte[] res = Frames.result(1,0,true, TaskKind.MAP.run(f, back));
    long t3=System.nanoTime();
    System.out.printf("enc %.2f dec %.2f res %.2f ms size %d %d%n",(t1-t0)/1e6,(t2-t1)/1e6,(t3-t2)/1e6, fr.length, res.length);
    }
    List<Integer> r100k = range(100_000);
    try (ThreadPool tp = new ThreadPool(2)) { for (int r=0;r<5;r++){ long t0=System.nanoTime(); tp.map((Integer x)->x+1, r100k); System.out.printf("threadpool map %.1f ms%n",(System.nanoTime()-t0)/1e6);} 
      long t0=System.nanoTime(); for(int i=0;i<5000;i++) tp.applyAsync(()->1).get(); System.out.printf("threadpool apply %.1f us%n",(System.nanoTime()-t0)/1e3/5000);}
    try (Pool p = multiprocessing4j.Multiprocessing.getContext("forkserver").Pool(2)) { for (int r=0;r<10;r++){ long t0=System.nanoTime(); p.map((Integer x)->x+1, r100k); System.out.printf("pool map %.1f ms%n",(System.nanoTime()-t0)/1e6);} 
      for (int k=0;k<3;k++){ long t0=System.nanoTime(); for(int i=0;i<3000;i++) p.applyAsync(()->1).get(); System.out.printf("pool apply %.1f us%n",(System.nanoTime()-t0)/1e3/3000);}}
  }
}
