package social.followers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FollowersServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(FollowersServiceApplication.class, args);
    }
}
