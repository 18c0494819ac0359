import io.secretgate.secrets.template.*;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Harness {
    public static void main(String[] a) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        Base64.Decoder d = Base64.getDecoder();
        while ((line = r.readLine()) != null) {
            String[] parts = line.split("\t", -1);
            String tpl = new String(d.decode(parts[0]), StandardCharsets.UTF_8);
            MissingKeyPolicy p = parts[1].equals("no_value") ? MissingKeyPolicy.NO_VALUE : MissingKeyPolicy.ERROR;
            Map<String, byte[]> values = new HashMap<>();
            for (int i = 2; i < parts.length; i++) {
                if (parts[i].isEmpty()) continue;
                String[] kv = parts[i].split("=", 2);
                values.put(kv[0], d.decode(kv[1]));
            }
            try {
                byte[] out = GoTemplate.parse(tpl, p).executeBytes(values);
                System.out.println("OK " + Base64.getEncoder().encodeToString(out));
            } catch (TemplateException e) {
                System.out.println("ERR " + e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                System.out.println("CRASH " + e);
            }
        }
    }
}
